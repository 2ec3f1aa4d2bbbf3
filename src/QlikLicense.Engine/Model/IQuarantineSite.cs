using System.Threading.Tasks;

namespace QlikLicense.Model
{
    /// <summary>
    /// The optional part of the site seam for sites where a released allocation that was used recently stays in quarantine
    /// (7 days on a Qlik Sense site) before its seat is free, and can be given back from there.
    /// </summary>
    public interface IQuarantineSite
    {
        /// <summary>
        /// Gives a quarantined allocation back to its user. False when the site refuses this way, so that allocating to the
        /// user again is the other way; other failures are thrown.
        /// </summary>
        Task<bool> ReinstateAsync(LicenseAllocation quarantined, SiteCall call);
    }
}
