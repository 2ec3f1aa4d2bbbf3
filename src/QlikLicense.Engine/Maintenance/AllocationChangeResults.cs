using System;
using QlikLicense.Model;

namespace QlikLicense.Maintenance
{
    /// <summary>The one place that makes the result of a release, allocation or restore.</summary>
    public static class AllocationChangeResults
    {
        /// <summary>A release, from the journal record of its intent.</summary>
        public static AllocationChangeResult OfRelease(JournalRecord intent, AllocationOutcome outcome, DateTime? quarantineEnd, string? message, string? journalPath, DateTime time) =>
            Create(outcome, intent.Type, intent.UserDirectory, intent.UserId, intent.UserName, intent.UserKey, intent.AllocationId, intent.Site, time,
                quarantineEnd, message, journalPath);

        /// <summary>An allocation or restore of <paramref name="type"/> to a repository user.</summary>
        public static AllocationChangeResult OfGrant(QlikUser user, LicenseAccessType type, AllocationOutcome outcome, Guid? allocationId, string? message, string? journalPath, string? site, DateTime time) =>
            Create(outcome, type, user.UserDirectory, user.UserId, user.Name, user.Id, allocationId, site, time, null, message, journalPath);

        private static AllocationChangeResult Create(AllocationOutcome outcome, LicenseAccessType type, string? userDirectory, string? userId, string? userName, Guid? userKey,
            Guid? allocationId, string? site, DateTime time, DateTime? quarantineEnd, string? message, string? journalPath) => new AllocationChangeResult
        {
            Outcome = outcome,
            Type = type,
            UserDirectory = userDirectory,
            UserId = userId,
            UserName = userName,
            UserKey = userKey,
            AllocationId = allocationId,
            QuarantineEnd = quarantineEnd,
            Message = message,
            JournalPath = journalPath,
            Site = site,
            Time = time,
        };
    }
}
