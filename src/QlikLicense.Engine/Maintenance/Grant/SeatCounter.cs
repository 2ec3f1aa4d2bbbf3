using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Grant
{
    /// <summary>
    /// Free seats per access type, counted down as allocations are approved. A user access pass takes its token cost
    /// from the licence's free tokens: a seat of a token licence is the tokens it costs.
    /// </summary>
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

        /// <summary>True while a seat (or a pass's tokens) is left, and always when the count is unknown: QRS then decides.</summary>
        public bool HasFree(LicenseAccessType type) => !(Initial(type) is int initial) || initial - (Taken(type) + 1) * Cost(type) > -Tolerance;

        public void Take(LicenseAccessType type) => taken[type] = Taken(type) + 1;

        /// <summary>Why a user does not fit, for the NoSeatAvailable error.</summary>
        public string Shortage(LicenseAccessType type, string target, string site)
        {
            summaries.TryGetValue(type, out var summary);
            if (summary?.Enabled == false)
                return MaintenanceMessages.Grants.NotOffered(target, type, site);
            var total = summary?.Total?.ToString(CultureInfo.InvariantCulture) ?? "?";
            return type.UnitOf() == LicenseUnit.Tokens
                ? MaintenanceMessages.Grants.NoTokensFree(type, target, site, Initial(type), total, Cost(type), Taken(type))
                : MaintenanceMessages.Grants.NoSeatFree(type, target, site, Initial(type), total, Taken(type));
        }

        // Token costs are fractions (a login access pass costs a tenth); a tolerance keeps 0.1 * 10 from falling short of 1.
        private const double Tolerance = 1e-9;

        /// <summary>What one seat takes from the count: a pass's tokens on a token licence, else one seat.</summary>
        private double Cost(LicenseAccessType type) =>
            type.UnitOf() == LicenseUnit.Tokens && summaries.TryGetValue(type, out var summary) && summary.TokenCost > 0 ? summary.TokenCost.Value : 1;

        private int? Initial(LicenseAccessType type)
        {
            if (!summaries.TryGetValue(type, out var summary)) return null;
            return summary.Enabled == false ? 0 : summary.Available;
        }
    }
}
