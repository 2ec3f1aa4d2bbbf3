using System;

namespace QlikLicense.Logs
{
    /// <summary>Who a denial line names and when: what the scan's filters decide on.</summary>
    internal readonly struct DenialSubject
    {
        public DenialSubject(DateTimeOffset timestamp, string userDirectory, string userId, string? origin, bool isServiceAccount)
        {
            Timestamp = timestamp;
            UserDirectory = userDirectory;
            UserId = userId;
            Origin = origin;
            IsServiceAccount = isServiceAccount;
        }

        public DateTimeOffset Timestamp { get; }
        public string UserDirectory { get; }
        public string UserId { get; }
        public string? Origin { get; }
        public bool IsServiceAccount { get; }
    }
}
