using System;
using System.Management.Automation;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Maintenance.Decisions;

namespace QlikLicense.Commands
{
    /// <summary>
    /// The monthly check's findings beyond inactive users and denials (the engine's <see cref="LicenseFindingFinder"/>):
    /// allocations above the license in the order to release them, people holding Professional and Analyzer, and the
    /// license's end. Allocation findings pipe into Remove-QlikLicenseAllocation by Id and Type.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "QlikLicenseFinding")]
    [OutputType(typeof(LicenseFinding))]
    public sealed class GetQlikLicenseFindingCommand : ExclusionCmdletBase
    {
        /// <summary>Which findings to look for; all by default.</summary>
        [Parameter(Position = 0)]
        [ValidateNotNullOrEmpty]
        public LicenseFindingKind[] Kind { get; set; } = (LicenseFindingKind[])Enum.GetValues(typeof(LicenseFindingKind));

        /// <summary>How many days before the license ends it is reported.</summary>
        [Parameter]
        [ValidateRange(0, 3650)]
        public int WarningDays { get; set; } = LicenseFindingOptions.DefaultWarningDays;

        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            var options = new LicenseFindingOptions
            {
                Kinds = Kind,
                WarningDays = WarningDays,
                IsExcluded = Exclusion() ?? ((directory, userId) => false),
                Marks = Marks(),
            };
            RunOperation(connection.Site, () =>
            {
                foreach (var finding in LicenseFindingFinder.Find(connection, options, DateTime.UtcNow, Call))
                {
                    if (finding.Kind == LicenseFindingKind.LicenseEnd) WriteWarning(finding.Reason);
                    WriteObject(finding);
                }
            });
        }
    }
}
