using System;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Grant
{
    /// <summary>One user to give one access type: named by directory and id, by repository key, or already read.</summary>
    public sealed class GrantRequest
    {
        private GrantRequest(LicenseAccessType type, object source)
        {
            if (!type.IsPerUser()) throw new ArgumentOutOfRangeException(nameof(type), MaintenanceMessages.Grants.NotPerUser(type));
            Type = type;
            Source = source;
        }

        public LicenseAccessType Type { get; }
        public string? UserDirectory { get; private set; }
        public string? UserId { get; private set; }
        public Guid? UserKey { get; private set; }

        /// <summary>The user as read from the repository, when the caller had it already.</summary>
        public QlikUser? User { get; private set; }

        /// <summary>The journaled release this request undoes, for a restore.</summary>
        public JournalRecord? Release { get; private set; }

        /// <summary>What the caller gave, for error records.</summary>
        public object Source { get; }

        public string Identity => UserDirectory + "\\" + UserId;

        /// <summary>The user's name when the request gives both directory and id; null otherwise.</summary>
        internal UserName? Name =>
            UserDirectory is { Length: > 0 } userDirectory && UserId is { Length: > 0 } userId ? new UserName(userDirectory, userId) : (UserName?)null;

        public static GrantRequest ForIdentity(LicenseAccessType type, string? userDirectory, string? userId, object source) =>
            new GrantRequest(type, source) { UserDirectory = userDirectory, UserId = userId };

        /// <summary>A user known by repository key (a journal record, an allocation, an earlier result); the names are for messages.</summary>
        public static GrantRequest ForKey(LicenseAccessType type, Guid userKey, string? userDirectory, string? userId, object source) =>
            new GrantRequest(type, source) { UserDirectory = userDirectory, UserId = userId, UserKey = userKey };

        public static GrantRequest ForUser(LicenseAccessType type, QlikUser user, object source) =>
            new GrantRequest(type, source) { UserDirectory = user.UserDirectory, UserId = user.UserId, UserKey = user.Id, User = user };

        /// <summary>Gives back what a release took: the same access type to the same repository user (by key).</summary>
        public static GrantRequest ForRelease(JournalRecord release) =>
            new GrantRequest(release.Type, release)
            {
                UserDirectory = release.UserDirectory,
                UserId = release.UserId,
                UserKey = release.UserKey,
                Release = release,
            };
    }
}
