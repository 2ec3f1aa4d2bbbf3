using System;
using System.Collections.Generic;
using System.Management.Automation;
using QlikLicense.Logs;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Maintenance.Grant;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommon.Get, "QlikLicenseDenial")]
    [OutputType(typeof(LicenseDenial), typeof(LicenseDenialEvent))]
    public sealed class GetQlikLicenseDenialCommand : ConnectedCmdletBase
    {
        private readonly List<string> paths = new List<string>();
        private bool pathGiven;

        /// <summary>Log files or folders (searched recursively); PowerShell wildcards allowed.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("FullName")]
        [ValidateNotNullOrEmpty]
        public string[]? Path { get; set; }

        /// <summary>Denials at or after this time (your time zone unless the DateTime says UTC).</summary>
        [Parameter]
        public DateTime Since { get; set; }

        /// <summary>Denials before this time (your time zone unless the DateTime says UTC).</summary>
        [Parameter]
        public DateTime Until { get; set; }

        /// <summary>One object per denial instead of one per user.</summary>
        [Parameter]
        public SwitchParameter Raw { get; set; }

        /// <summary>Also denials of service accounts (INTERNAL users, QRS API calls, the services' own account).</summary>
        [Parameter]
        public SwitchParameter IncludeServiceAccount { get; set; }

        /// <summary>DIRECTORY\user patterns (wildcards allowed, case-insensitive) whose denials are left out.</summary>
        [Parameter]
        [Alias("ExcludeUser")]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ValidateWildcardPattern]
        public string[]? Exclude { get; set; }

        /// <summary>User directories (wildcards allowed) whose users' denials are left out.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        [SupportsWildcards]
        [ValidateWildcardPattern]
        [ArgumentCompleter(typeof(UserDirectoryCompleter))]
        public string[]? ExcludeUserDirectory { get; set; }

        // The time window is checked before any file is touched.
        protected override void BeginProcessing()
        {
            if (SinceInstant > UntilInstant)
                throw Terminate(new ErrorRecord(
                    new ArgumentException(Messages.Denials.SinceAfterUntil(SinceInstant.Value, UntilInstant.Value)),
                    ErrorIds.InvalidTimeWindow, ErrorCategory.InvalidArgument, null));
        }

        protected override void ProcessRecord()
        {
            if (Path == null) return;
            pathGiven = true;
            foreach (var path in Path) paths.AddRange(LogPaths.Resolve(this, path));
        }

        protected override void EndProcessing()
        {
            var connection = Connection ?? ConnectionRegistry.Default;
            if (connection != null) connection = ResolveConnection(connection);

            var search = new LicenseDenialSearch(this, new LicenseDenialScanOptions
            {
                Since = SinceInstant,
                Until = UntilInstant,
                IncludeServiceAccounts = IncludeServiceAccount,
                ExcludeUser = UserPatterns.Exclusion(Exclude, ExcludeUserDirectory),
            });
            search.AddPaths(paths);
            if (!pathGiven)
            {
                // Pipeline input that held no path means nothing to read, not "read the whole site".
                if (MyInvocation.ExpectingInput) return;
                if (connection == null)
                    throw Terminate(new ErrorRecord(
                        new InvalidOperationException(Messages.Denials.NoLogPath),
                        ErrorIds.NoLogPath, ErrorCategory.InvalidArgument, null));
                if (Raw && !(connection.SiteApi is ILogFileSite))
                    throw Terminate(new ErrorRecord(
                        new NotSupportedException(Messages.Connections.NotSupportedOnQlikCloud("Get-QlikLicenseDenial -Raw", connection.Site, Messages.Denials.RawNeedsLogs)),
                        ErrorIds.NotSupportedOnQlikCloud, ErrorCategory.NotImplemented, connection));
                search.AddSiteFolders(connection, Call);
            }

            RunOperation(null, () =>
            {
                if (Raw) WriteObject(search.FindEvents(CancellationToken), enumerateCollection: true);
                else WriteObject(search.FindDenials(connection, Call), enumerateCollection: true);
            });
        }

        private DateTimeOffset? SinceInstant => MyInvocation.BoundParameters.ContainsKey(nameof(Since)) ? QlikDates.ToInstant(Since) : (DateTimeOffset?)null;

        private DateTimeOffset? UntilInstant => MyInvocation.BoundParameters.ContainsKey(nameof(Until)) ? QlikDates.ToInstant(Until) : (DateTimeOffset?)null;
    }
}
