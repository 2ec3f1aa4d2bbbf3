using QlikLicense.Logs;
using QlikLicense.Maintenance.Grant;
using QlikLicense.Model;
using QlikLicense.Tests.InMemory;
using QlikLicense.Tests.Logs;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Grant;

/// <summary>Finding denied users (<see cref="LicenseDenialSearch"/>): the logs the site names, read once, each user joined with the site's record of them.</summary>
public sealed class LicenseDenialSearchTests : InMemorySiteTest
{
    [Fact]
    public void The_sites_archived_logs_are_read_and_each_denied_user_comes_with_the_allocations_the_site_holds()
    {
        var jdoe = site.AddUser("CORP", "jdoe", groups: "Sales");
        site.AddAllocation(LicenseAccessType.Analyzer, jdoe);
        site.LogFolders.Add(LogTestFiles.FixtureSite);
        var host = new RecordingHost(approve: false);
        var search = new LicenseDenialSearch(host, new LicenseDenialScanOptions());

        search.AddSiteFolders(connection, Call);
        var denials = search.FindDenials(connection, Call);

        Assert.Equal(new[] { "Zoë O'Brien", "ext\\partner", "jdoe", "nolog" }, denials.Select(denial => denial.UserId).OrderBy(id => id, StringComparer.Ordinal));
        var denied = denials.Single(denial => denial.UserId == "jdoe");
        Assert.Equal(jdoe.Id, denied.UserKey);
        Assert.Equal(new[] { LicenseAccessType.Analyzer }, denied.AllocatedAccessTypes);
        Assert.All(denials.Where(denial => denial.UserId != "jdoe"), denial => Assert.Null(denial.UserKey));
        Assert.Empty(host.Problems);
    }

    [Fact]
    public void A_site_naming_no_archive_is_a_warning_and_one_that_cannot_say_is_a_problem_and_the_search_goes_on()
    {
        var warned = new RecordingHost(approve: false);
        new LicenseDenialSearch(warned, new LicenseDenialScanOptions()).AddSiteFolders(connection, Call);

        Assert.Single(warned.Warnings);

        site.FailWhen = call => call == nameof(ILogFileSite.ReadArchivedLogFolders) ? new SiteException(SiteKind.QlikSense, SiteErrorKind.AccessDenied, "GET", "/servicecluster", 403, "refused") : null;
        var failed = new RecordingHost(approve: false);
        var search = new LicenseDenialSearch(failed, new LicenseDenialScanOptions());

        search.AddSiteFolders(connection, Call);

        Assert.Equal(ProblemKind.SiteRequestFailed, Assert.Single(failed.Problems).Kind);
        Assert.Empty(search.FindDenials(connection, Call));
    }
}
