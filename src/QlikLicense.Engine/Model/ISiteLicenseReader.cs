using System.Threading.Tasks;

namespace QlikLicense.Model
{
    /// <summary>
    /// The optional part of the site seam for sites that can say which license they run on, so that a run over
    /// several sites finds the ones sharing a license and counts its seats once.
    /// </summary>
    public interface ISiteLicenseReader
    {
        Task<SiteLicense> ReadLicenseAsync(SiteCall call);
    }
}
