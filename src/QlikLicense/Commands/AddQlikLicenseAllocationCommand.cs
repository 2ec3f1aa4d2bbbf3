using System;
using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Maintenance.Grant;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Add, "QlikLicenseAllocation", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium, DefaultParameterSetName = InputObjectSet)]
    [OutputType(typeof(AllocationChangeResult))]
    public sealed class AddQlikLicenseAllocationCommand : ConnectedCmdletBase
    {
        private const string IdentitySet = "Identity";
        private const string InputObjectSet = "InputObject";

        private readonly List<(QlikConnection Connection, GrantRequest Request)> requests = new List<(QlikConnection, GrantRequest)>();

        [Parameter(Mandatory = true, Position = 0)]
        // The per-user types (LicenseAccessTypes.PerUser; a test keeps the two the same): a set, so that completion offers only these.
        [ValidateSet(nameof(LicenseAccessType.Professional), nameof(LicenseAccessType.Analyzer), nameof(LicenseAccessType.UserAccess))]
        public LicenseAccessType Type { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = IdentitySet)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(UserDirectoryCompleter))]
        public string UserDirectory { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = IdentitySet)]
        [ValidateNotNullOrEmpty]
        public string[] UserId { get; set; } = Array.Empty<string>();

        /// <summary>
        /// Users from Get-QlikUser (not looked up again), or any object with a UserKey (the user's repository GUID:
        /// journal records, allocations, results) or with UserDirectory and UserId (denials, your own objects).
        /// Read here rather than bound by property name, so a QlikUser's own GUID is used and never a look-alike Id.
        /// </summary>
        [Parameter(Mandatory = true, ValueFromPipeline = true, ParameterSetName = InputObjectSet)]
        [Alias("User")]
        public PSObject[] InputObject { get; set; } = Array.Empty<PSObject>();

        /// <summary>The journal each allocation is recorded in before it is sent; by default the site's journal.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        /// <summary>
        /// On a Qlik Cloud tenant: how many allocations one add batch action carries at most (the tenant's largest batch
        /// is unconfirmed); on a Qlik Sense site allocations go one at a time.
        /// </summary>
        [Parameter]
        [ValidateRange(1, CloudBatchLimit)]
        public int BatchSize { get; set; } = CloudBatchLimit;

        private const int CloudBatchLimit = Cloud.CloudConnectionSettings.MaximumBatchSize;

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            if (ParameterSetName == IdentitySet)
            {
                foreach (var userId in UserId)
                    requests.Add((connection, GrantRequest.ForIdentity(Type, UserDirectory, userId, UserDirectory + "\\" + userId)));
                return;
            }
            foreach (var item in InputObject.Where(item => item != null))
            {
                var request = RequestFor(item);
                if (request != null) requests.Add((connection, request));
                else
                    WriteError(new ErrorRecord(new ArgumentException(Messages.Allocations.NamesNoUser(item)),
                        ErrorIds.InvalidInputObject, ErrorCategory.InvalidArgument, item));
            }
        }

        // Collected first, so the whole pipeline is looked up in a few batched requests.
        protected override void EndProcessing()
        {
            var options = new GrantOptions { JournalPath = FileSystemPath(JournalPath), BatchSize = BatchSize };
            foreach (var site in requests.GroupBy(item => item.Connection))
                RunOperation(site.Key.Site, () => new AllocationGrant(site.Key).Run(site.Select(item => item.Request).ToList(), options, this, Call));
        }

        private GrantRequest? RequestFor(PSObject item)
        {
            if (item.BaseObject is QlikUser user) return GrantRequest.ForUser(Type, user, user);
            var userDirectory = Text(item, "UserDirectory");
            var userId = Text(item, "UserId");
            if (Guid.TryParse(Text(item, "UserKey"), out var userKey) && userKey != Guid.Empty)
                return GrantRequest.ForKey(Type, userKey, userDirectory, userId, item);
            return string.IsNullOrEmpty(userDirectory) || string.IsNullOrEmpty(userId)
                ? null
                : GrantRequest.ForIdentity(Type, userDirectory, userId, item);
        }

        private static string? Text(PSObject item, string property)
        {
            var value = item.Properties[property]?.Value;
            return (value is PSObject wrapped ? wrapped.BaseObject : value)?.ToString();
        }
    }
}
