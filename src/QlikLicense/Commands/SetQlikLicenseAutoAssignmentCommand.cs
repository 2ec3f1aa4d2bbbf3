using System;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Maintenance.Grant;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Set, "QlikLicenseAutoAssignment", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(LicenseAutoAssignment))]
    public sealed class SetQlikLicenseAutoAssignmentCommand : ConnectedCmdletBase
    {
        /// <summary>Whether users get a Professional licence at first sign-in; left as it is when omitted.</summary>
        [Parameter]
        public bool Professional { get; set; }

        /// <summary>Whether users get an Analyzer licence at first sign-in; left as it is when omitted.</summary>
        [Parameter]
        public bool Analyzer { get; set; }

        /// <summary>The journal the change is recorded in before it is sent; by default the tenant's journal.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? JournalPath { get; set; }

        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override Type RequiredPart => typeof(IAutoAssignmentSite);

        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            var professional = MyInvocation.BoundParameters.ContainsKey(nameof(Professional)) ? Professional : (bool?)null;
            var analyzer = MyInvocation.BoundParameters.ContainsKey(nameof(Analyzer)) ? Analyzer : (bool?)null;
            if (professional == null && analyzer == null)
                throw Terminate(new ErrorRecord(new PSArgumentException(Messages.AutoAssignment.NothingGiven),
                    ErrorIds.NothingToChange, ErrorCategory.InvalidArgument, null));
            RunOperation(connection.Site, () =>
            {
                var stored = AutoAssignmentChange.Run(connection, professional, analyzer, this, FileSystemPath(JournalPath), Call);
                if (PassThru && stored != null) WriteObject(stored);
            });
        }
    }
}
