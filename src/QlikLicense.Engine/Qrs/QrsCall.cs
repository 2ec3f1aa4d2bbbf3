using System;
using System.Threading;

namespace QlikLicense.Qrs
{
    /// <summary>What each call carries from its caller: the cancellation token and where to tell the HTTP story.</summary>
    public readonly struct QrsCall
    {
        public QrsCall(CancellationToken cancellation, Action<string> verbose = null)
        {
            Cancellation = cancellation;
            Verbose = verbose;
        }

        public CancellationToken Cancellation { get; }
        public Action<string> Verbose { get; }

        internal void Trace(string message) => Verbose?.Invoke(message);
    }
}
