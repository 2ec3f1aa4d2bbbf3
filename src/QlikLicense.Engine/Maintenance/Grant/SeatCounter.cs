using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Grant
{
    /// <summary>Free seats per access type, counted down as allocations are approved.</summary>
    public sealed class SeatCounter
    {
        private readonly Dictionary<LicenseAccessType, LicenseSummary> summaries;
        private readonly Dictionary<LicenseAccessType, int> taken = new Dictionary<LicenseAccessType, int>();

        /// <param name="summaries">Null when the overview could not be read: every seat count is then unknown.</param>
        public SeatCounter(IEnumerable<LicenseSummary>? summaries)
        {
            this.summaries = (summaries ?? Enumerable.Empty<LicenseSummary>()).ToDictionary(summary => summary.Type);
        }

        public int Taken(LicenseAccessType type) => taken.TryGetValue(type, out var count) ? count : 0;

        /// <summary>True while a seat is left, and always when the count is unknown: QRS then decides.</summary>
        public bool HasFree(LicenseAccessType type) => !(Initial(type) is int initial) || initial - Taken(type) > 0;

        public void Take(LicenseAccessType type) => taken[type] = Taken(type) + 1;

        /// <summary>Why a user does not fit, for the NoSeatAvailable error.</summary>
        public string Shortage(LicenseAccessType type, string target, string site)
        {
            summaries.TryGetValue(type, out var summary);
            if (summary?.Enabled == false)
                return MaintenanceMessages.Grants.NotOffered(target, type, site);
            return MaintenanceMessages.Grants.NoSeatFree(type, target, site, Initial(type), summary?.Total?.ToString(CultureInfo.InvariantCulture) ?? "?", Taken(type));
        }

        private int? Initial(LicenseAccessType type)
        {
            if (!summaries.TryGetValue(type, out var summary)) return null;
            return summary.Enabled == false ? 0 : summary.Available;
        }
    }
}
