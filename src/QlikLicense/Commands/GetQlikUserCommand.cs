using System;
using System.Management.Automation;
using QlikLicense.Model;
using QlikLicense.Qrs;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Get, "QlikUser", DefaultParameterSetName = FilterSet)]
    [OutputType(typeof(QlikUser))]
    public sealed class GetQlikUserCommand : QlikCmdlet
    {
        private const string IdSet = "Id";
        private const string FilterSet = "Filter";

        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ParameterSetName = IdSet)]
        [Alias("UserKey")]
        public Guid[] Id { get; set; }

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
            if (ParameterSetName == IdSet)
            {
                foreach (var id in Id)
                    Guard(id, () => WriteObject(Wait(connection.Client.GetObjectAsync(QrsPaths.Entity(QrsPaths.User, id), QlikUser.FromJson, Call))));
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
    }
}
