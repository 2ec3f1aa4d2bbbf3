using System;
using System.Collections.Generic;

namespace QlikLicense.Model
{
    /// <summary>
    /// The optional part of the site seam for sites that record licence refusals themselves (a Qlik Cloud tenant's
    /// audit events) instead of in log files: the denial search reads them from here.
    /// </summary>
    public interface IRecordedDenialSite
    {
        /// <summary>One object per user refused a licence in the window (null ends: unbounded), each refusal counted once.</summary>
        IReadOnlyList<LicenseDenial> ReadDenials(DateTimeOffset? since, DateTimeOffset? until, SiteCall call);
    }
}
