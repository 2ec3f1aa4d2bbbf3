using System;

namespace QlikLicense.Model
{
    /// <summary>One user's allocation of a per-user access type: a Professional or Analyzer seat, or a user access pass.</summary>
    public class LicenseAllocation
    {
        public Guid Id { get; set; }
        public LicenseAccessType Type { get; set; }
        public string? UserDirectory { get; set; }
        public string? UserId { get; set; }
        public string? UserName { get; set; }

        /// <summary>The user's repository GUID; null when the user was deleted.</summary>
        public Guid? UserKey { get; set; }

        /// <summary>UTC; null when never used.</summary>
        public DateTime? LastUsed { get; set; }
        public bool Quarantined { get; set; }

        /// <summary>UTC; null when not in quarantine.</summary>
        public DateTime? QuarantineEnd { get; set; }

        /// <summary>The user was deleted while the allocation sat in quarantine; UserId/UserDirectory name the deleted user.</summary>
        public bool DeletedUser { get; set; }
        public bool Excess { get; set; }
        public DateTime? CreatedDate { get; set; }
        public DateTime? ModifiedDate { get; set; }

        public string UserIdentity => Model.UserName.Format(UserDirectory, UserId);

        /// <summary>The site this allocation was read from, so a piped object acts on its own site.</summary>
        public QlikConnection? Connection { get; set; }

        /// <summary>The connection an operation acts through; an allocation made by hand must be given one first.</summary>
        internal QlikConnection RequiredConnection =>
            Connection ?? throw new InvalidOperationException(ModelMessages.AllocationWithoutConnection(Description));

        /// <summary>What ShouldProcess and messages call this allocation: "Professional access of CORP\jdoe (John Doe)", "User access pass of CORP\jdoe".</summary>
        public string Description => ModelMessages.AllocationOf(Type, UserIdentity) + (string.IsNullOrEmpty(UserName) || UserName == UserId ? string.Empty : $" ({UserName})");

        public override string ToString() => Description;

        /// <summary>Copies the fields of another allocation, for types that extend it.</summary>
        protected void CopyFrom(LicenseAllocation other)
        {
            Id = other.Id;
            Type = other.Type;
            UserDirectory = other.UserDirectory;
            UserId = other.UserId;
            UserName = other.UserName;
            UserKey = other.UserKey;
            LastUsed = other.LastUsed;
            Quarantined = other.Quarantined;
            QuarantineEnd = other.QuarantineEnd;
            DeletedUser = other.DeletedUser;
            Excess = other.Excess;
            CreatedDate = other.CreatedDate;
            ModifiedDate = other.ModifiedDate;
            Connection = other.Connection;
        }
    }
}
