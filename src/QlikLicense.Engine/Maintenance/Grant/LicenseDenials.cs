using System.Linq;
using QlikLicense.Logs;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Grant
{
    /// <summary>Denials found in the logs as the objects the cmdlets return, before the site adds what it knows of each user.</summary>
    public static class LicenseDenials
    {
        public static LicenseDenial From(LicenseDenialSummary summary) => new LicenseDenial
        {
            UserDirectory = summary.UserDirectory,
            UserId = summary.UserId,
            FirstDenied = summary.FirstDenied,
            LastDenied = summary.LastDenied,
            Count = summary.Count,
            Hostnames = summary.Hostnames.ToArray(),
            Files = summary.Files.ToArray(),
            IsServiceAccount = summary.IsServiceAccount,
            Cause = summary.Cause,
        };
    }
}
