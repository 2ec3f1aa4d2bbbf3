using System.Management.Automation;
using QlikLicense.Model;
using QlikLicense.Qrs;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Get, "QlikUser", DefaultParameterSetName = FilterSet)]
    [OutputType(typeof(QlikUser))]
    public sealed class GetQlikUserCommand : QlikCmdlet
    {
        private const string IdentitySet = "Identity";
        private const string FilterSet = "Filter";

        /// <summary>Users by repository GUID, "DIRECTORY\userid", or user object.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = IdentitySet)]
        [Alias("Id", "UserKey")]
        public QlikUserIdentity[] Identity { get; set; }

        [Parameter(ParameterSetName = FilterSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        public string UserId { get; set; }

        [Parameter(ParameterSetName = FilterSet, ValueFromPipelineByPropertyName = true)]
        [ValidateNotNullOrEmpty]
        [ArgumentCompleter(typeof(UserDirectoryCompleter))]
        public string UserDirectory { get; set; }

        /// <summary>Only users the QMC shows as Inactive (removed from the directory or blocked).</summary>
        [Parameter(ParameterSetName = FilterSet)]
        public SwitchParameter Inactive { get; set; }

        /// <summary>A raw QRS filter, joined with "and" to the others; its text is the caller's own.</summary>
        [Parameter(ParameterSetName = FilterSet)]
        [ValidateNotNullOrEmpty]
        public string Filter { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public QlikConnection Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection(Connection);
            if (ParameterSetName == IdentitySet)
            {
                foreach (var identity in Identity)
                    Guard(identity, () =>
                    {
                        if (identity.Id is System.Guid id)
                            WriteObject(Wait(connection.Client.GetObjectAsync(QrsPaths.Entity(QrsPaths.User, id), QlikUser.FromJson, Call)));
                        else
                            WriteFound(connection, identity, QrsFilter.And(QrsFilter.Equal("userDirectory", identity.UserDirectory), QrsFilter.Equal("userId", identity.UserId)));
                    });
                return;
            }

            var filter = QrsFilter.And(
                UserId == null ? null : QrsFilter.Equal("userId", UserId),
                UserDirectory == null ? null : QrsFilter.Equal("userDirectory", UserDirectory),
                Inactive ? QrsFilter.Equal("inactive", true) : null,
                Filter == null ? null : QrsFilter.Raw(Filter));
            Guard(UserDirectory == null ? (object)UserId : UserDirectory + "\\" + UserId, () =>
            {
                foreach (var user in connection.Client.Stream(QrsPaths.Full(QrsPaths.User), QlikUser.FromJson, Call, filter))
                    WriteObject(user);
            });
        }

        private void WriteFound(QlikConnection connection, QlikUserIdentity identity, QrsFilter filter)
        {
            var found = false;
            foreach (var user in connection.Client.Stream(QrsPaths.Full(QrsPaths.User), QlikUser.FromJson, Call, filter))
            {
                found = true;
                WriteObject(user);
            }
            if (!found)
                WriteError(new ErrorRecord(new ItemNotFoundException($"The site {connection.Site} has no user {identity}."),
                    "UserNotFound", ErrorCategory.ObjectNotFound, identity));
        }
    }
}
