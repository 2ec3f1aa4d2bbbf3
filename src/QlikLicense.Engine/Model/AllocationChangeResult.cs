using System;

namespace QlikLicense.Model
{
    /// <summary>What a release, allocation or restore did to one user's access.</summary>
    public sealed class AllocationChangeResult
    {
        public AllocationOutcome Outcome { get; set; }
        public LicenseAccessType Type { get; set; }
        public string? UserDirectory { get; set; }
        public string? UserId { get; set; }
        public string? UserName { get; set; }
        public Guid? UserKey { get; set; }
        public Guid? AllocationId { get; set; }

        /// <summary>UTC, for a quarantined allocation: when its seat becomes free.</summary>
        public DateTime? QuarantineEnd { get; set; }
        public string? Message { get; set; }
        public string? JournalPath { get; set; }
        public string? Site { get; set; }
        public DateTime Time { get; set; }

        public string UserIdentity => Model.UserName.Format(UserDirectory, UserId);

        public override string ToString() => $"{Outcome}: " + ModelMessages.AllocationOf(Type, UserIdentity);
    }
}
