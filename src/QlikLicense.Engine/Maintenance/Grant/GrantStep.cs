using System;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Grant
{
    /// <summary>What will happen to one request, decided from the repository's state before any change.</summary>
    public sealed class GrantStep
    {
        internal GrantStep(GrantRequest request, QlikUser? user, LicenseAllocation? existing, GrantDecision decision)
        {
            Request = request;
            User = user;
            Existing = existing;
            Decision = decision;
        }

        public GrantRequest Request { get; }

        /// <summary>The repository user; null when not found.</summary>
        public QlikUser? User { get; }

        /// <summary>The user's allocation of the type (active or quarantined), if any.</summary>
        public LicenseAllocation? Existing { get; }

        public GrantDecision Decision { get; }

        public LicenseAccessType Type => Request.Type;

        /// <summary>
        /// The user's active allocation of the other seat type (Professional for an Analyzer step, Analyzer for a
        /// Professional one): with this step, one of the two seats is spare. Null when there is none, or not looked for.
        /// </summary>
        public LicenseAllocation? OtherSeat { get; internal set; }

        /// <summary>The user of a step that changes something: every decision but UserNotFound has one.</summary>
        internal QlikUser FoundUser => User ?? throw new InvalidOperationException(MaintenanceMessages.Grants.NoSuchUser(Target));

        /// <summary>The allocation of an AlreadyAllocated or Reinstate step.</summary>
        internal LicenseAllocation ExistingAllocation => Existing ?? throw new InvalidOperationException(MaintenanceMessages.Grants.NoAllocation(Target, Type));

        /// <summary>"CORP\jdoe (John Doe)": what confirmations and messages name.</summary>
        public string Target
        {
            get
            {
                var identity = User?.Identity ?? Request.Identity;
                var name = User?.Name ?? Request.Release?.UserName;
                var userId = User?.UserId ?? Request.UserId;
                return string.IsNullOrEmpty(name) || name == userId ? identity : identity + " (" + name + ")";
            }
        }
    }
}
