using System;
using System.Linq;
using System.Management.Automation;
using QlikLicense.Maintenance.Decisions;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    /// <summary>Who spends analyzer capacity: each person's minutes over a window (the last 30 days by default), most first.</summary>
    [Cmdlet(VerbsCommon.Get, "QlikAnalyzerCapacityUsage")]
    [OutputType(typeof(AnalyzerCapacityUser))]
    public sealed class GetQlikAnalyzerCapacityUsageCommand : ConnectedCmdletBase
    {
        /// <summary>Use since this date (your time zone unless the DateTime says UTC); by default the last 30 days.</summary>
        [Parameter]
        [ValidateNotInFuture]
        public DateTime Since { get; set; }

        /// <summary>Only the people who spent the most.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int Top { get; set; }

        /// <summary>What an Analyzer seat costs in capacity minutes a month under your contract: marks who would cost less with a seat.</summary>
        [Parameter]
        [ValidateRange(1, int.MaxValue)]
        public int AnalyzerSeatMinutes { get; set; }

        protected override Type RequiredPart => typeof(ISharedAccessSite);

        protected override string Instead => Messages.SharedAccess.NoCapacityUsageOnQlikCloud;

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            var since = MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? QlikDates.ToUtc(Since) : DateTime.UtcNow - AnalyzerCapacitySpenders.DefaultWindow;
            var seatMinutes = MyInvocation.BoundParameters.ContainsKey(nameof(AnalyzerSeatMinutes)) ? AnalyzerSeatMinutes : (int?)null;
            Guard(connection.Site, () =>
            {
                var spenders = AnalyzerCapacitySpenders.Find(connection, since, seatMinutes, Call) ?? Array.Empty<AnalyzerCapacityUser>();
                WriteObject(MyInvocation.BoundParameters.ContainsKey(nameof(Top)) ? spenders.Take(Top) : spenders, enumerateCollection: true);
            });
        }
    }
}
