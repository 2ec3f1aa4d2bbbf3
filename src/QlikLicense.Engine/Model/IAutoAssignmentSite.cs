using System.Threading.Tasks;

namespace QlikLicense.Model
{
    /// <summary>The optional part of the site seam for sites with tenant-wide automatic assignment switches (a Qlik Cloud tenant).</summary>
    public interface IAutoAssignmentSite
    {
        Task<LicenseAutoAssignment> ReadAutoAssignmentAsync(SiteCall call);

        /// <summary>Sets the switches that are given (null leaves one as it is); returns them as the site stored them.</summary>
        Task<LicenseAutoAssignment> ChangeAutoAssignmentAsync(bool? professional, bool? analyzer, SiteCall call);
    }
}
