using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;

namespace QlikLicense.Maintenance
{
    /// <summary>Which per-user access types an operation looks at when the caller names none: the ones the site's licence runs.</summary>
    public static class SiteAccessTypes
    {
        /// <summary>
        /// <paramref name="requested"/> when given; else the per-user types the licence overview says the site runs
        /// (one request). When the overview cannot be read, all of them: a type the site lacks then reads as empty.
        /// </summary>
        public static IReadOnlyList<LicenseAccessType> PerUser(QlikConnection connection, IReadOnlyList<LicenseAccessType>? requested, SiteCall call)
        {
            if (requested != null) return requested;
            try
            {
                return LicenseAccessTypes.PerUserRunBy(connection.SiteApi.ReadSummaryAsync(call).GetAwaiter().GetResult());
            }
            catch (SiteException error) when (error.ErrorKind != SiteErrorKind.AccessDenied && error.ErrorKind != SiteErrorKind.LoginPage)
            {
                call.Trace(MaintenanceMessages.Models.OverviewUnreadable(connection.Site, error.Message));
                return LicenseAccessTypes.PerUser;
            }
        }
    }
}
