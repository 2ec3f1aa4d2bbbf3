using System;

namespace QlikLicense.Model
{
    /// <summary>
    /// Whether the License Monitor app holds current data (a site), or the licence is in order (a tenant, which has no
    /// License Monitor: <see cref="Checked"/> says what was read instead): what Test-QlikLicenseMonitor returns.
    /// </summary>
    public sealed class LicenseMonitorStatus
    {
        /// <summary>How old the License Monitor's data may be and still count as current, unless the caller says otherwise.</summary>
        public static readonly TimeSpan DefaultMaximumAge = TimeSpan.FromDays(2);

        /// <summary>What <see cref="Checked"/> says on a site: its License Monitor app.</summary>
        public const string SiteCheck = ModelMessages.LicenseMonitorApp;

        /// <summary>What was checked: the License Monitor app on a site; on a tenant, its licence status and overview.</summary>
        public string Checked { get; set; } = SiteCheck;

        public bool IsOperational { get; set; }

        /// <summary>What else the check found that changes what the routine means there (a capacity-based tenant); null when nothing.</summary>
        public string? Remark { get; set; }

        /// <summary>Why it is not operational, in plain language; null when it is.</summary>
        public string? Reason { get; set; }

        /// <summary>The License Monitor published in the "Monitoring apps" stream; null when there is none.</summary>
        public Guid? AppId { get; set; }

        /// <summary>UTC; null when never reloaded.</summary>
        public DateTime? LastReloadTime { get; set; }

        /// <summary>The reload task that ran last; null when the app has none.</summary>
        public string? TaskName { get; set; }

        public ReloadTaskStatus? LastTaskStatus { get; set; }

        /// <summary>UTC start of the task's last execution; null when it never ran.</summary>
        public DateTime? LastExecutionTime { get; set; }

        /// <summary>UTC; the earliest next run of its tasks, null when none is scheduled.</summary>
        public DateTime? NextExecution { get; set; }

        /// <summary>How old the data may be and still count as current.</summary>
        public TimeSpan MaximumAge { get; set; }

        /// <summary>UTC time of the check.</summary>
        public DateTime CheckedAt { get; set; }

        public override string ToString() => Checked == ModelMessages.LicenseMonitorApp
            ? ModelMessages.LicenseMonitorText(IsOperational, Reason)
            : ModelMessages.OtherCheckText(Checked, IsOperational, Reason, Remark);
    }
}
