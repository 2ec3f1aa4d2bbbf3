using System;
using System.Threading;

namespace QlikLicense
{
    /// <summary>What each call to a site carries from its caller: the cancellation token and where to tell the HTTP story.</summary>
    public readonly struct SiteCall
    {
        public SiteCall(CancellationToken cancellation, Action<string>? verbose = null)
        {
            Cancellation = cancellation;
            Verbose = verbose;
        }

        public CancellationToken Cancellation { get; }
        public Action<string>? Verbose { get; }

        internal void Trace(string message) => Verbose?.Invoke(message);
    }
}
