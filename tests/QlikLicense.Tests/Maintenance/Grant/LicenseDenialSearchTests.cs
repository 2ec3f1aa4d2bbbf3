using System.Text.RegularExpressions;
using QlikLicense.Cloud;
using QlikLicense.Logs;
using QlikLicense.Maintenance.Grant;
using QlikLicense.Model;
using QlikLicense.Tests.Cloud;
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
        Assert.Contains(host.Verbose, line => Regex.IsMatch(line, @"^Skipped [1-9][0-9]* file\(s\): .+\.$"));
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

    private static readonly string AuditLog = LogTestFiles.FixtureFile("node1/Log/Repository/Audit/QLIKFIX1_AuditSecurity_Repository.txt");

    /// <summary>A folder of <paramref name="count"/> copies of one audit log, each a node's own.</summary>
    private static TempLogFolder Copies(int count)
    {
        var logs = new TempLogFolder();
        foreach (var index in Enumerable.Range(1, count))
            logs.Write($"node{index}/Log/Repository/Audit/QLIKNODE{index}_AuditSecurity_Repository.txt", File.ReadAllBytes(AuditLog));
        return logs;
    }

    [Theory]
    [InlineData(5)]
    [InlineData(6)]
    public void More_than_five_files_show_progress_one_line_per_file_and_the_statistics_are_said_in_verbose(int files)
    {
        using var logs = Copies(files);
        var host = new RecordingHost(approve: false);
        var search = new LicenseDenialSearch(host, new LicenseDenialScanOptions());
        search.AddPaths(new[] { logs.Path });

        var denials = search.FindDenials(null, Call);

        Assert.NotEmpty(denials);
        Assert.Equal(files > 5 ? files : 0, host.ProgressStatus.Count);
        Assert.All(host.ProgressStatus.Select((status, index) => (status, index)),
            line => Assert.Matches($@"^File {line.index + 1} of {files}: QLIKNODE[0-9]+_AuditSecurity_Repository\.txt$", line.status));
        Assert.Equal(files > 5 ? 1 : 0, host.ProgressEnded);
        Assert.All(host.ProgressActivities, activity => Assert.Equal("Reading Qlik Sense logs", activity));
        Assert.Contains(host.Verbose, line => Regex.IsMatch(line, $@"^Read {files} log file\(s\): [1-9][0-9]* lines, 0\.0 MB\.$"));
        Assert.Contains("Skipped no files.", host.Verbose);
        Assert.Contains(host.Verbose, line => Regex.IsMatch(line, @"^Skipped [0-9]+ line\(s\) that hold a denial's mark but cannot be read \(cut short, too long, or without a readable time or user\)\.$"));
        Assert.Contains(host.Verbose, line => Regex.IsMatch(line,
            $@"^Kept [0-9]+ denial\(s\) of {denials.Count} user\(s\) from [0-9]+ denial line\(s\); left out [0-9]+ line\(s\) of service accounts, [0-9]+ of -Exclude, [0-9]+ outside -Since/-Until, [0-9]+ repeating a denial another log recorded\.$"));
    }

    [Fact]
    public void Each_denial_is_found_once_as_an_event_and_the_users_are_counted_in_verbose()
    {
        using var logs = Copies(2);
        var host = new RecordingHost(approve: false);
        var search = new LicenseDenialSearch(host, new LicenseDenialScanOptions());
        search.AddPaths(new[] { logs.Path });

        var events = search.FindEvents(CancellationToken.None);

        Assert.NotEmpty(events);
        var users = events.Select(denial => denial.UserDirectory + "\\" + denial.UserId).Distinct(StringComparer.OrdinalIgnoreCase).Count();
        Assert.Contains(host.Verbose, line => line.StartsWith($"Kept {events.Count} denial(s) of {users} user(s) from ", StringComparison.Ordinal));
    }

    [Fact]
    public void A_folder_that_is_not_there_is_a_problem_and_the_sites_archive_among_them_says_where_to_run_instead()
    {
        var missingArchive = Path.Combine(folder.Path, "archive-share");
        var missingPath = Path.Combine(folder.Path, "named");
        site.LogFolders.Add(missingArchive);
        var host = new RecordingHost(approve: false);
        var search = new LicenseDenialSearch(host, new LicenseDenialScanOptions());
        search.AddPaths(new[] { missingPath });

        search.AddSiteFolders(connection, Call);
        Assert.Empty(search.FindDenials(connection, Call));

        Assert.All(host.Problems, problem => Assert.Equal(ProblemKind.LogPathNotFound, problem.Kind));
        Assert.Equal(new object[] { missingPath, missingArchive }, host.Problems.Select(problem => problem.Target));
        Assert.Null(host.Problems[0].Details);
        Assert.Equal($"Cannot reach the site's archived logs folder '{missingArchive}', which QRS names (servicecluster). Run this where that share is reachable, or name the folders with -Path.",
            host.Problems[1].Details);
        Assert.Contains($"Archived logs of memory.example:4242: {missingArchive}", host.Verbose);
    }

    [Fact]
    public void A_user_look_up_that_fails_is_a_problem_and_the_denials_come_without_the_sites_record()
    {
        site.AddUser("CORP", "jdoe");
        site.FailWhen = call => call == nameof(ISite.LookUpUsersAtOnce) ? new SiteException(SiteKind.QlikSense, SiteErrorKind.ServerError, "GET", "/qrs/user/full", 500, "down") : null;
        var host = new RecordingHost(approve: false);
        var search = new LicenseDenialSearch(host, new LicenseDenialScanOptions());
        search.AddPaths(new[] { AuditLog });

        var denials = search.FindDenials(connection, Call);

        Assert.NotEmpty(denials);
        Assert.All(denials, denial => Assert.Null(denial.UserKey));
        var problem = Assert.Single(host.Problems);
        Assert.Equal((ProblemKind.SiteRequestFailed, "memory.example:4242"), (problem.Kind, (string)problem.Target));
    }

    [Fact]
    public void A_tenant_that_records_refusals_is_read_instead_of_any_log_and_excluded_users_are_left_out()
    {
        var tenant = new StubTenant()
            .Paged("/api/v1/audits",
                """
                {"eventTime":"2026-05-02T10:00:00Z","data":{"subject":"auth0|bob"}},
                {"eventTime":"2026-05-03T10:00:00Z","data":{"subject":"auth0|eve"}}
                """)
            .Users("""{"id":"u2","subject":"auth0|bob","name":"Bob","status":"active"}""")
            .Paged("/api/v1/licenses/consumption", string.Empty)
            .Paged("/api/v1/licenses/assignments", string.Empty);
        using var tenantConnection = CloudTenantLists.Connect(tenant);
        var host = new RecordingHost(approve: false);
        var search = new LicenseDenialSearch(host, new LicenseDenialScanOptions { ExcludeUser = (directory, userId) => userId == "auth0|eve" });
        search.AddPaths(new[] { Path.Combine(folder.Path, "no-such-folder") });

        search.AddSiteFolders(tenantConnection, Call);
        var denials = search.FindDenials(tenantConnection, Call);

        var bob = Assert.Single(denials);
        Assert.Equal(("auth0|bob", CloudKeys.User("auth0|bob"), "Bob"), (bob.UserId, bob.UserKey, bob.Name));
        Assert.Same(tenantConnection, bob.Connection);
        Assert.Contains("The site recorded licence refusals of 1 user(s).", host.Verbose);
        Assert.Empty(host.Problems);
        Assert.Empty(host.Warnings);
    }

    [Fact]
    public void The_live_logs_of_this_node_are_looked_for_in_the_common_application_data_folder()
    {
        Assert.Equal(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.CommonApplicationData), "Qlik", "Sense", "Log"), SiteLogFolders.LocalNodeFolder);
    }
}
