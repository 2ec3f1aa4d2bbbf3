using System;
using System.Globalization;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;

namespace QlikLicense.Qrs
{
    /// <summary>
    /// Reads the day a license ends from GET /qrs/license. The License entity has no end date of its own; both places
    /// read here are unconfirmed on a live site: a signed key's <c>keyDetails</c> with a <c>valid</c> interval (the shape
    /// Qlik Cloud's licence status gives), and a license enabling file's <c>TIMELIMIT</c> (or a product level's date),
    /// in <c>lef</c> or <c>keyDetails</c>. The signed key wins where both give one; a license that gives neither has no end date.
    /// </summary>
    internal static class LicenseEndDate
    {
        private static readonly Regex ValidInterval = new Regex(@"""valid""\s*:\s*""[^""/]*/(?<end>[0-9]{4}-[0-9]{2}-[0-9]{2})", RegexOptions.CultureInvariant);
        private static readonly Regex TimeLimit = new Regex(@"(?<![A-Za-z])(TIMELIMIT;|PRODUCTLEVEL;[^;\r\n]*;[^;\r\n]*;)(?<end>[0-9]{4}-[0-9]{2}-[0-9]{2})", RegexOptions.CultureInvariant);

        public static (DateTime Date, LicenseEndDateSource Source)? Read(JObject license)
        {
            var keyDetails = (string?)license.GetValue("keyDetails", StringComparison.OrdinalIgnoreCase) ?? string.Empty;
            var lef = (string?)license.GetValue("lef", StringComparison.OrdinalIgnoreCase) ?? string.Empty;
            if (Date(ValidInterval.Match(keyDetails)) is DateTime signed) return (signed, LicenseEndDateSource.SignedKey);
            if ((Date(TimeLimit.Match(lef)) ?? Date(TimeLimit.Match(keyDetails))) is DateTime file) return (file, LicenseEndDateSource.LicenseFile);
            return null;
        }

        private static DateTime? Date(Match match) =>
            match.Success && DateTime.TryParseExact(match.Groups["end"].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture,
                DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var date)
                ? DateTime.SpecifyKind(date, DateTimeKind.Utc)
                : (DateTime?)null;
    }
}
