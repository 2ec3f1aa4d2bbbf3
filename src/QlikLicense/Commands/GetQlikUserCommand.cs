using System;
using System.Management.Automation;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Get, "QlikUser", DefaultParameterSetName = FilterSet)]
    [OutputType(typeof(QlikUser))]
    public sealed class GetQlikUserCommand : ConnectedCmdletBase
    {
        private const string IdentitySet = "Identity";
        private const string FilterSet = "Filter";

        /// <summary>Users by repository GUID, "DIRECTORY\userid", or user object.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = IdentitySet)]
        [Alias("Id", "UserKey")]
        public QlikUserIdentity[] Identity { get; set; } = Array.Empty<QlikUserIdentity>();

        [Parameter(ParameterSetName = FilterSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string? UserId { get; set; }

        [Parameter(ParameterSetName = FilterSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(UserDirectoryCompleter))]
        public string? UserDirectory { get; set; }

        /// <summary>Only users the QMC shows as Inactive (removed from the directory or blocked).</summary>
        [Parameter(ParameterSetName = FilterSet)]
        public SwitchParameter Inactive { get; set; }

        /// <summary>A raw QRS filter, joined with "and" to the others; its text is the caller's own.</summary>
        [Parameter(ParameterSetName = FilterSet)]
        [ValidateNotNullOrEmpty]
        public string? Filter { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            if (ParameterSetName == IdentitySet)
            {
                foreach (var identity in Identity)
                    Guard(identity, () =>
                    {
                        if (identity.Id is Guid id)
                            WriteObject(Wait(connection.SiteApi.ReadUserAsync(id, Call)));
                        else
                            WriteFound(connection, identity, new UserFilter { UserDirectory = identity.UserDirectory, UserId = identity.UserId });
                    });
                return;
            }

            var filter = new UserFilter { UserId = UserId, UserDirectory = UserDirectory, InactiveOnly = Inactive, SiteFilter = Filter };
            Guard(UserDirectory == null ? (object?)UserId : UserDirectory + "\\" + UserId, () =>
            {
                foreach (var user in connection.SiteApi.ReadUsers(filter, Call))
                    WriteObject(user);
            });
        }

        private void WriteFound(QlikConnection connection, QlikUserIdentity identity, UserFilter filter)
        {
            var found = false;
            foreach (var user in connection.SiteApi.ReadUsers(filter, Call))
            {
                found = true;
                WriteObject(user);
            }
            if (!found)
                WriteError(new ErrorRecord(new ItemNotFoundException(Messages.Allocations.UserNotFound(connection.Site, identity)),
                    ErrorIds.UserNotFound, ErrorCategory.ObjectNotFound, identity));
        }
    }
}
