using System;
using System.Collections.Generic;

namespace QlikLicense.Model
{
    /// <summary>
    /// The part of the site seam for licences whose access is shared rather than allocated to a person: login access
    /// groups (tokens) and analyzer capacity (minutes). Optional: a Qlik Sense site implements it; a site that has
    /// neither leaves it out, and the routine then reports those models as not handled.
    /// </summary>
    public interface ISharedAccessSite
    {
        /// <summary>The login access groups with their passes, their rules, and who used them since <paramref name="usedSinceUtc"/>.</summary>
        IReadOnlyList<LoginAccessGroup> ReadLoginAccessGroups(DateTime usedSinceUtc, SiteCall call);

        /// <summary>The periods of analyzer capacity use that started since <paramref name="sinceUtc"/>, streamed.</summary>
        IEnumerable<AnalyzerCapacityUse> ReadAnalyzerCapacityUse(DateTime sinceUtc, SiteCall call);
    }
}
