using System;

namespace QlikLicense.Model
{
    /// <summary>
    /// One person's analyzer capacity minutes over a window (by default the last 30 days), most first, as
    /// Get-QlikAnalyzerCapacityUsage and the routine list them; pipes into Add-QlikLicenseAllocation -Type Analyzer and
    /// into Get-QlikLicenseSuggestion.
    /// </summary>
    public sealed class AnalyzerCapacityUser
    {
        public string UserDirectory { get; set; } = string.Empty;
        public string UserId { get; set; } = string.Empty;
        public string? UserName { get; set; }

        /// <summary>The user's repository GUID; null when the records name none.</summary>
        public Guid? UserKey { get; set; }

        /// <summary>Capacity minutes the person consumed in the window (six-minute units).</summary>
        public int Minutes { get; set; }

        /// <summary>Periods of use in the window.</summary>
        public int Uses { get; set; }

        /// <summary>The person's share of the minutes everyone consumed in the window, in percent.</summary>
        public double Share { get; set; }

        /// <summary>UTC.</summary>
        public DateTime? LastUsed { get; set; }

        /// <summary>Start of the window (UTC).</summary>
        public DateTime Since { get; set; }

        /// <summary>The minutes a month an Analyzer seat costs as much as, when given (-AnalyzerSeatMinutes).</summary>
        public int? AnalyzerSeatMinutes { get; set; }

        /// <summary>True when the person's minutes cost more than an Analyzer seat would; null when no seat price was given.</summary>
        public bool? CostsMoreThanSeat => AnalyzerSeatMinutes == null ? (bool?)null : Minutes > AnalyzerSeatMinutes.Value;

        public string? Site { get; set; }

        /// <summary>The site the minutes were read from, so a piped object acts on its own site.</summary>
        public QlikConnection? Connection { get; set; }

        public string UserIdentity => Model.UserName.Format(UserDirectory, UserId);

        public override string ToString() => $"{UserIdentity}: {Minutes} analyzer capacity minutes";
    }
}
