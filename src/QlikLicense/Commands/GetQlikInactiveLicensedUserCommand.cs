using System;
using System.Linq;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Get, "QlikInactiveLicensedUser", DefaultParameterSetName = DirectorySet)]
    [OutputType(typeof(InactiveLicensedUser))]
    public sealed class GetQlikInactiveLicensedUserCommand : QlikCmdlet
    {
        private const string DirectorySet = "RemovedFromDirectory";
        private const string UnusedSinceSet = "UnusedSince";
        private const string UnusedDaysSet = "UnusedDays";

        [Parameter(Position = 0)]
        public LicenseAccessType[] Type { get; set; } = { LicenseAccessType.Professional, LicenseAccessType.Analyzer };

        /// <summary>Also allocations not used since this date (your time zone unless the DateTime says UTC).</summary>
        [Parameter(Mandatory = true, ParameterSetName = UnusedSinceSet)]
        public DateTime UnusedSince { get; set; }

        /// <summary>Also allocations not used in this many days.</summary>
        [Parameter(Mandatory = true, ParameterSetName = UnusedDaysSet)]
        [ValidateRange(1, 36500)]
        public int UnusedDays { get; set; }

        /// <summary>Also users blocked in the QMC.</summary>
        [Parameter]
        public SwitchParameter IncludeBlocked { get; set; }

        /// <summary>DIRECTORY\user patterns (wildcards allowed) never to offer: service accounts, administrators.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] Exclude { get; set; }

        [Parameter]
        [ValidateNotNullOrEmpty]
        public string[] ExcludeUserDirectory { get; set; }

        [Parameter]
        public QlikConnection Connection { get; set; }

        protected override void EndProcessing()
        {
            var connection = ResolveConnection(Connection);
            var excludedUsers = (Exclude ?? Array.Empty<string>()).Select(pattern => new WildcardPattern(pattern, WildcardOptions.IgnoreCase)).ToArray();
            var excludedDirectories = (ExcludeUserDirectory ?? Array.Empty<string>()).Select(pattern => new WildcardPattern(pattern, WildcardOptions.IgnoreCase)).ToArray();
            var criteria = new InactiveCriteria
            {
                Types = Type,
                IncludeBlocked = IncludeBlocked,
                UnusedSinceUtc = ParameterSetName == UnusedSinceSet ? QlikDates.ToUtc(UnusedSince)
                    : ParameterSetName == UnusedDaysSet ? DateTime.UtcNow.AddDays(-UnusedDays) : (DateTime?)null,
                IsExcluded = (directory, userId) =>
                    excludedDirectories.Any(pattern => pattern.IsMatch(directory ?? string.Empty)) ||
                    excludedUsers.Any(pattern => pattern.IsMatch((directory ?? string.Empty) + "\\" + (userId ?? string.Empty))),
            };

            Guard(connection.Site, () =>
            {
                foreach (var candidate in new InactiveLicensedUserFinder(connection).Find(criteria, Call))
                {
                    WriteObject(candidate);
                    FlushVerbose();
                }
            });
        }
    }
}
