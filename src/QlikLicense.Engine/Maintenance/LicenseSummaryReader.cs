using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Qrs;

namespace QlikLicense.Maintenance
{
    /// <summary>Reads the seat counts of the per-user access types in one request.</summary>
    public static class LicenseSummaryReader
    {
        public static readonly IReadOnlyList<LicenseAccessType> AllTypes = new[] { LicenseAccessType.Professional, LicenseAccessType.Analyzer };

        public static async Task<IReadOnlyList<LicenseSummary>> ReadAsync(QlikConnection connection, QrsCall call)
        {
            return await connection.Client.GetObjectAsync(QrsPaths.AccessTypeOverview,
                overview => AllTypes.Select(type => LicenseSummary.FromOverview(overview, type, connection.Site)).ToList(), call).ConfigureAwait(false);
        }
    }
}
