using System;
using System.Collections.Specialized;

namespace QlikLicense.Model
{
    /// <summary>What a <see cref="LicenseFinding"/> is about.</summary>
    public enum LicenseFindingKind
    {
        /// <summary>The site holds more allocations of a type than the license has seats: one allocation to release, in the order to release them.</summary>
        ExcessAllocation,

        /// <summary>A person holds both a Professional and an Analyzer allocation; Professional covers what Analyzer gives.</summary>
        ProfessionalAndAnalyzer,

        /// <summary>The license has ended, is not usable, or ends within the warning days.</summary>
        LicenseEnd,
    }

    /// <summary>
    /// One finding of the monthly check beyond inactive users and denials, with the command that acts on it. The
    /// findings about an allocation carry its <see cref="Id"/> and <see cref="Type"/>, so they pipe (and round-trip
    /// through Export-Csv/Import-Csv) into Remove-QlikLicenseAllocation by property name.
    /// </summary>
    public sealed class LicenseFinding
    {
        public string? Site { get; set; }
        public LicenseFindingKind Kind { get; set; }

        /// <summary>The allocation's access type; null for a finding about the license.</summary>
        public LicenseAccessType? Type { get; set; }

        /// <summary>The allocation's id; null for a finding about the license.</summary>
        public Guid? Id { get; set; }

        public string? UserDirectory { get; set; }
        public string? UserId { get; set; }
        public string? UserName { get; set; }
        public Guid? UserKey { get; set; }

        /// <summary>UTC; null when never used (or not an allocation).</summary>
        public DateTime? LastUsed { get; set; }

        /// <summary>QRS marks the allocation as beyond the license's seats.</summary>
        public bool Excess { get; set; }

        /// <summary>The user is removed from the directory or blocked; null when not an allocation.</summary>
        public bool? Inactive { get; set; }

        /// <summary>For allocations above the license: the order to release them in, 1 first; null otherwise.</summary>
        public int? Rank { get; set; }

        /// <summary>For the license: the last day it is valid (UTC date); null when the site does not say.</summary>
        public DateTime? EndDate { get; set; }

        /// <summary>For the license: whole days from today to <see cref="EndDate"/>, negative once it has passed.</summary>
        public int? DaysLeft { get; set; }

        /// <summary>What was found and why it matters, in plain words.</summary>
        public string Reason { get; set; } = string.Empty;

        /// <summary>The command that acts on it, quoted for PowerShell; empty when no command does.</summary>
        public string Command { get; set; } = string.Empty;

        public string CommandName { get; set; } = string.Empty;

        /// <summary>The parameters of <see cref="Command"/>, for splatting.</summary>
        public OrderedDictionary Parameters { get; set; } = new OrderedDictionary();

        /// <summary>The site of the finding, so a piped object acts there.</summary>
        public QlikConnection? Connection { get; set; }

        public string UserIdentity => UserId == null ? string.Empty : Model.UserName.Format(UserDirectory, UserId);

        public override string ToString() => Kind + ": " + Reason;
    }
}
