using System;
using System.Collections.Generic;
using System.Linq;

namespace QlikLicense.Model
{
    /// <summary>The one place that says which access type belongs to which licence model, counts in what, and is allocated per person.</summary>
    public static class LicenseAccessTypes
    {
        /// <summary>Every access type, in the order summaries list them.</summary>
        public static readonly IReadOnlyList<LicenseAccessType> All = (LicenseAccessType[])Enum.GetValues(typeof(LicenseAccessType));

        /// <summary>The access types allocated to one person: listed, released, allocated and undone one allocation at a time.</summary>
        public static readonly IReadOnlyList<LicenseAccessType> PerUser = All.Where(IsPerUser).ToArray();

        /// <summary>The per-user types' names, for the cmdlets' completion and errors.</summary>
        public static readonly IReadOnlyList<string> PerUserNames = PerUser.Select(type => type.ToString()).ToArray();

        public static bool IsPerUser(this LicenseAccessType type) =>
            type == LicenseAccessType.Professional || type == LicenseAccessType.Analyzer || type == LicenseAccessType.UserAccess;

        public static LicenseModel ModelOf(this LicenseAccessType type) => type switch
        {
            LicenseAccessType.UserAccess => LicenseModel.Token,
            LicenseAccessType.LoginAccess => LicenseModel.Token,
            LicenseAccessType.AnalyzerCapacity => LicenseModel.AnalyzerCapacity,
            _ => LicenseModel.UserBased,
        };

        public static LicenseUnit UnitOf(this LicenseAccessType type) => type switch
        {
            LicenseAccessType.UserAccess => LicenseUnit.Tokens,
            LicenseAccessType.LoginAccess => LicenseUnit.Tokens,
            LicenseAccessType.AnalyzerCapacity => LicenseUnit.Minutes,
            _ => LicenseUnit.Seats,
        };

        /// <summary>The per-user type a person is licensed with by default on a site: Analyzer where offered, else a user access pass, else Professional.</summary>
        public static LicenseAccessType DefaultPerUser(IEnumerable<LicenseSummary>? seats)
        {
            var offered = (seats ?? Enumerable.Empty<LicenseSummary>()).Where(row => row.Enabled == true).Select(row => row.Type).ToList();
            foreach (var type in new[] { LicenseAccessType.Analyzer, LicenseAccessType.UserAccess, LicenseAccessType.Professional })
                if (offered.Contains(type)) return type;
            return LicenseAccessType.Analyzer;
        }

        /// <summary>The per-user types a site's summary says it runs (enabled, or not saying); all of them when it says nothing.</summary>
        public static IReadOnlyList<LicenseAccessType> PerUserRunBy(IEnumerable<LicenseSummary>? seats)
        {
            var rows = (seats ?? Enumerable.Empty<LicenseSummary>()).Where(row => row.Type.IsPerUser()).ToList();
            if (rows.Count == 0) return PerUser;
            return PerUser.Where(type => rows.Any(row => row.Type == type && row.Enabled != false)).ToArray();
        }
    }
}
