using Newtonsoft.Json.Linq;
using QlikLicense.Cloud;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Cloud;

/// <summary>
/// What <see cref="CloudSite"/> reads from a tenant: every page of each list, the statuses it asks for, the users
/// joined with their assignments and last use, the filters applied here, and what one command reads once.
/// </summary>
public sealed class CloudSiteReadTests
{
    private static readonly DateTime May20 = new(2026, 5, 20, 10, 0, 0, DateTimeKind.Utc);

    /// <summary>Alice and Carol (active), Bob (disabled), Dave (deleted) and one without a subject: three pages of users of every status, one of the inactive.</summary>
    private static StubTenant Tenant() => new StubTenant()
        .Users(
            """{"id":"u1","subject":"auth0|alice","name":"Alice","status":"active"}""",
            """{"id":"u2","subject":"auth0|bob","name":"Bob","status":"disabled"}""",
            """{"id":"u3","subject":"auth0|carol","name":"Carol","status":"active"}""",
            """{"id":"u4","subject":"auth0|dave","name":"Dave","status":"deleted"}""",
            """{"id":"u5","name":"Nobody","status":"active"}""")
        .Paged("/api/v1/licenses/consumption",
            """
            {"userId":"u1","endTime":"2026-05-01T10:00:00Z","licenseUsage":"ASSIGNED_LICENSE"},
            {"userId":"u3","endTime":"2026-05-25T10:00:00Z","licenseUsage":"ANALYZER_CAPACITY"},
            {"userId":"u9","endTime":"2026-05-26T10:00:00Z","licenseUsage":"ASSIGNED_LICENSE"},
            {"endTime":"2026-05-26T10:00:00Z","licenseUsage":"ASSIGNED_LICENSE"},
            {"userId":"u3","licenseUsage":"ASSIGNED_LICENSE"}
            """,
            """
            {"userId":"u1","endTime":"2026-05-20T10:00:00Z","licenseUsage":"assigned_license"},
            {"userId":"u1","endTime":"2026-05-10T10:00:00Z","licenseUsage":"ASSIGNED_LICENSE"},
            {"userId":"u2","endTime":"2026-03-01T00:00:00Z","licenseUsage":"ASSIGNED_LICENSE"}
            """)
        .Paged("/api/v1/licenses/assignments",
            """
            {"subject":"AUTH0|ALICE","type":"professional","excess":false,"created":"2026-01-01T00:00:00Z"},
            {"subject":"auth0|bob","type":"PROFESSIONAL","excess":true,"created":"2026-01-02T00:00:00Z"}
            """,
            """
            {"subject":"auth0|carol","type":"analyzer","created":"2026-01-03T00:00:00Z"},
            {"type":"professional"}
            """,
            """
            {"subject":"auth0|elsewhere","type":"professional","excess":false,"created":"2026-01-04T00:00:00Z"},
            {"subject":"auth0|dave","type":"analyzer","created":"2026-01-05T00:00:00Z"}
            """);

    private static SiteCall OneCommand() => new(new CancellationTokenSource().Token);

    [Fact]
    public void Assignments_of_a_type_are_read_to_the_last_page_each_joined_with_its_user_or_marked_an_orphan()
    {
        using var site = CloudTenantLists.Site(Tenant());

        var professional = site.ReadAllocations(LicenseAccessType.Professional, AllocationFilter.All, default).ToList();

        Assert.Equal(new[] { "auth0|alice", "auth0|bob", "auth0|elsewhere" }, professional.Select(allocation => allocation.UserId));
        Assert.Equal(new string[] { "Alice", "Bob", null }, professional.Select(allocation => allocation.UserName));
        Assert.Equal(new Guid?[] { CloudKeys.User("auth0|alice"), CloudKeys.User("auth0|bob"), null }, professional.Select(allocation => allocation.UserKey));
        Assert.Equal(new[] { false, false, true }, professional.Select(allocation => allocation.DeletedUser));
        Assert.Equal(new[] { false, true, false }, professional.Select(allocation => allocation.Excess));
        Assert.Equal(new DateTime?[] { new DateTime(2026, 1, 1), new DateTime(2026, 1, 2), new DateTime(2026, 1, 4) },
            professional.Select(allocation => allocation.CreatedDate?.Date));
        Assert.All(professional, allocation => Assert.Equal((LicenseAccessType.Professional, string.Empty), (allocation.Type, allocation.UserDirectory)));
        Assert.Equal(CloudKeys.Assignment(LicenseAccessType.Professional, "auth0|alice"), professional[0].Id);
        Assert.Same(site, professional[0].Connection.SiteApi);
        var analyzer = site.ReadAllocations(LicenseAccessType.Analyzer, AllocationFilter.All, default).ToList();
        Assert.Equal(new[] { "auth0|carol", "auth0|dave" }, analyzer.Select(allocation => allocation.UserId));
        Assert.Equal(new[] { false, false }, analyzer.Select(allocation => allocation.Excess));
    }

    [Fact]
    public void Last_use_is_the_latest_end_of_an_assigned_licence_session_on_any_page_of_consumption()
    {
        using var site = CloudTenantLists.Site(Tenant());

        var lastUse = site.ReadAllocations(LicenseAccessType.Professional, AllocationFilter.All, default).ToDictionary(allocation => allocation.UserId, allocation => allocation.LastUsed);
        var carol = site.ReadAllocations(LicenseAccessType.Analyzer, AllocationFilter.All, default).First();

        Assert.Equal(May20, lastUse["auth0|alice"]);
        Assert.Equal(new DateTime(2026, 3, 1, 0, 0, 0, DateTimeKind.Utc), lastUse["auth0|bob"]);
        Assert.Null(lastUse["auth0|elsewhere"]);
        Assert.Null(carol.LastUsed);
    }

    [Fact]
    public void Unused_since_keeps_assignments_not_used_since_the_cutoff_and_used_since_those_used_at_or_after_it()
    {
        using var site = CloudTenantLists.Site(Tenant());

        string[] Subjects(AllocationFilter filter) => site.ReadAllocations(LicenseAccessType.Professional, filter, default).Select(allocation => allocation.UserId).ToArray();

        Assert.Equal(new[] { "auth0|bob", "auth0|elsewhere" }, Subjects(new AllocationFilter { UnusedSinceUtc = May20 }));
        Assert.Equal(new[] { "auth0|alice", "auth0|bob", "auth0|elsewhere" }, Subjects(new AllocationFilter { UnusedSinceUtc = May20.AddTicks(1) }));
        Assert.Equal(new[] { "auth0|alice" }, Subjects(new AllocationFilter { UsedSinceUtc = May20 }));
        Assert.Empty(Subjects(new AllocationFilter { UsedSinceUtc = May20.AddTicks(1) }));
    }

    [Fact]
    public void Conditions_a_tenant_cannot_meet_match_no_assignment_and_a_raw_user_filter_is_refused()
    {
        using var site = CloudTenantLists.Site(Tenant());

        Assert.Empty(site.ReadAllocations(LicenseAccessType.Professional, new AllocationFilter { UserDirectory = "CORP" }, default));
        Assert.Empty(site.ReadAllocations(LicenseAccessType.Professional, new AllocationFilter { Quarantined = true }, default));
        Assert.Empty(site.ReadAllocations(LicenseAccessType.UserAccess, AllocationFilter.All, default));
        Assert.Equal(3, site.ReadAllocations(LicenseAccessType.Professional, new AllocationFilter { Quarantined = false, UserDirectory = string.Empty }, default).Count());
        var refused = Assert.Throws<ArgumentException>(() => site.ReadAllocations(LicenseAccessType.Professional,
            new AllocationFilter { HeldBy = new UserFilter { SiteFilter = "name eq \"x\"" } }, default).ToList());
        Assert.Equal("filter", refused.ParamName);
    }

    [Fact]
    public void An_assignment_is_kept_for_its_subject_in_any_case_and_for_the_user_filter_its_holder_meets()
    {
        using var site = CloudTenantLists.Site(Tenant());

        string[] Subjects(LicenseAccessType type, AllocationFilter filter) => site.ReadAllocations(type, filter, default).Select(allocation => allocation.UserId).ToArray();

        Assert.Equal(new[] { "auth0|alice" }, Subjects(LicenseAccessType.Professional, new AllocationFilter { UserId = "Auth0|Alice" }));
        Assert.Equal(new[] { "auth0|alice", "auth0|bob" }, Subjects(LicenseAccessType.Professional, new AllocationFilter { HeldBy = UserFilter.All }));
        Assert.Equal(new[] { "auth0|bob" }, Subjects(LicenseAccessType.Professional, new AllocationFilter { HeldBy = new UserFilter { InactiveOnly = true } }));
        Assert.Equal(new[] { "auth0|dave" }, Subjects(LicenseAccessType.Analyzer, new AllocationFilter { HeldBy = new UserFilter { RemovedFromDirectoryOnly = true } }));
        Assert.Equal(new[] { "auth0|bob" }, Subjects(LicenseAccessType.Professional, new AllocationFilter { HeldBy = new UserFilter { UserId = "AUTH0|BOB" } }));
        Assert.Equal(new[] { "auth0|alice" }, Subjects(LicenseAccessType.Professional, new AllocationFilter { HeldBy = new UserFilter { Keys = new[] { CloudKeys.User("auth0|alice") } } }));
        Assert.Empty(Subjects(LicenseAccessType.Professional, new AllocationFilter { HeldBy = new UserFilter { UserDirectory = "CORP" } }));
        Assert.Empty(Subjects(LicenseAccessType.Professional, new AllocationFilter { HeldBy = new UserFilter { Tag = TextPattern.Exactly("x") } }));
        Assert.Empty(Subjects(LicenseAccessType.Professional, new AllocationFilter { HeldBy = new UserFilter { CustomProperty = new CustomPropertyMark("p", TextPattern.Exactly("v")) } }));
        Assert.Equal(new[] { "auth0|alice", "auth0|bob" }, Subjects(LicenseAccessType.Professional, new AllocationFilter { HeldBy = new UserFilter { UserDirectory = string.Empty } }));
    }

    [Fact]
    public void Allocations_are_looked_up_by_their_holders_keys_and_found_by_id()
    {
        using var site = CloudTenantLists.Site(Tenant());
        var keys = new[] { CloudKeys.User("auth0|bob"), CloudKeys.User("auth0|elsewhere"), CloudKeys.User("auth0|carol") };

        var inBatches = site.LookUpAllocationsInBatches(LicenseAccessType.Professional, keys, default).Select(allocation => allocation.UserId);
        var atOnce = site.LookUpAllocationsAtOnce(LicenseAccessType.Analyzer, keys, default).Select(allocation => allocation.UserId);
        var found = site.FindAllocationAsync(LicenseAccessType.Professional, CloudKeys.Assignment(LicenseAccessType.Professional, "auth0|elsewhere"), default).GetAwaiter().GetResult();
        var several = site.FindAllocationsAsync(LicenseAccessType.Analyzer,
            new[] { CloudKeys.Assignment(LicenseAccessType.Analyzer, "auth0|dave"), CloudKeys.Assignment(LicenseAccessType.Professional, "auth0|dave") }, default).GetAwaiter().GetResult();

        Assert.Equal(new[] { "auth0|bob" }, inBatches);
        Assert.Equal(new[] { "auth0|carol" }, atOnce);
        Assert.Equal("auth0|elsewhere", found.UserId);
        Assert.Equal(new[] { "auth0|dave" }, several.Select(allocation => allocation.UserId));
        Assert.Null(site.FindAllocationAsync(LicenseAccessType.Analyzer, CloudKeys.Assignment(LicenseAccessType.Analyzer, "auth0|alice"), default).GetAwaiter().GetResult());
    }

    [Fact]
    public void Users_of_one_subject_in_two_letter_cases_are_the_first_listed_and_a_user_without_a_tenant_id_has_no_last_use()
    {
        var tenant = new StubTenant()
            .Users(
                """{"id":"g1","subject":"auth0|gina","name":"Gina","status":"active"}""",
                """{"id":"g2","subject":"AUTH0|GINA","name":"Gina again","status":"active"}""",
                """{"subject":"auth0|hal","name":"Hal","status":"active"}""")
            .Paged("/api/v1/licenses/consumption", """{"userId":"g1","endTime":"2026-05-01T10:00:00Z","licenseUsage":"ASSIGNED_LICENSE"}""")
            .Paged("/api/v1/licenses/assignments", """{"subject":"auth0|gina","type":"analyzer"},{"subject":"auth0|hal","type":"analyzer"}""");
        using var site = CloudTenantLists.Site(tenant);

        var analyzer = site.ReadAllocations(LicenseAccessType.Analyzer, AllocationFilter.All, default).ToList();

        Assert.Equal(new[] { "Gina", "Hal" }, analyzer.Select(allocation => allocation.UserName));
        Assert.Equal(new DateTime?[] { new DateTime(2026, 5, 1, 10, 0, 0, DateTimeKind.Utc), null }, analyzer.Select(allocation => allocation.LastUsed));
    }

    [Fact]
    public void Every_user_of_every_status_is_read_to_the_last_page_unless_only_inactive_ones_are_asked()
    {
        var tenant = Tenant();
        using var site = CloudTenantLists.Site(tenant);

        var all = site.ReadUsers(UserFilter.All, default).ToList();
        var inactive = site.ReadUsers(new UserFilter { InactiveOnly = true }, default).ToList();

        Assert.Equal(new[] { "auth0|alice", "auth0|bob", "auth0|carol", "auth0|dave" }, all.Select(user => user.UserId));
        Assert.Equal(new[] { "auth0|bob", "auth0|dave" }, inactive.Select(user => user.UserId));
        Assert.Equal(new[]
        {
            """(status eq "active" or status eq "invited" or status eq "disabled" or status eq "deleted" or status eq "provisioned")""",
            """(status eq "disabled" or status eq "deleted")""",
        }, tenant.UserFilters().Distinct());
        Assert.Equal(3 + 1, tenant.Gets("/api/v1/users"));
        Assert.All(tenant.Requests.Where(request => request.Uri.AbsolutePath == "/api/v1/users"),
            request => Assert.Equal("100", System.Web.HttpUtility.ParseQueryString(request.Uri.Query)["limit"]));
    }

    [Fact]
    public void A_user_condition_is_asked_of_the_tenant_with_the_statuses_grouped_after_it()
    {
        var tenant = Tenant();
        using var site = CloudTenantLists.Site(tenant);

        site.ReadUsers(new UserFilter { UserId = "auth0|a\"b\\c" }, default).ToList();
        site.ReadUsers(new UserFilter { SiteFilter = "name sw \"A\"" }, default).ToList();
        site.ReadUsers(new UserFilter { UserId = "auth0|x", SiteFilter = "name sw \"A\"", RemovedFromDirectoryOnly = true }, default).ToList();

        var filters = tenant.UserFilters().Distinct().ToList();
        const string every = """(status eq "active" or status eq "invited" or status eq "disabled" or status eq "deleted" or status eq "provisioned")""";
        Assert.Equal("""(subject eq "auth0|a\"b\\c") and """ + every, filters[0]);
        Assert.Equal("""((name sw "A")) and """ + every, filters[1]);
        Assert.Equal("""(subject eq "auth0|x" and (name sw "A")) and (status eq "disabled" or status eq "deleted")""", filters[2]);
    }

    [Fact]
    public void Users_are_kept_for_their_keys_and_conditions_a_tenant_cannot_meet_match_nobody_without_a_request()
    {
        var tenant = Tenant();
        using var site = CloudTenantLists.Site(tenant);

        var byKey = site.ReadUsers(new UserFilter { Keys = new[] { CloudKeys.User("auth0|carol"), CloudKeys.User("auth0|nobody") } }, default).ToList();
        var asked = tenant.Gets("/api/v1/users");

        Assert.Equal("auth0|carol", Assert.Single(byKey).UserId);
        Assert.Empty(site.ReadUsers(new UserFilter { UserDirectory = "CORP" }, default));
        Assert.Empty(site.ReadUsers(new UserFilter { Tag = TextPattern.Exactly("x") }, default));
        Assert.Empty(site.ReadUsers(new UserFilter { CustomProperty = new CustomPropertyMark("p", TextPattern.Exactly("v")) }, default));
        Assert.Empty(site.ReadUserDirectoryNames(string.Empty, default));
        Assert.Equal(asked, tenant.Gets("/api/v1/users"));
        Assert.Equal(4, site.ReadUsers(new UserFilter { UserDirectory = string.Empty }, default).Count());
        Assert.Equal(2, site.ReadUsers(new UserFilter { UserDirectory = string.Empty, InactiveOnly = true, Keys = new[] { CloudKeys.User("auth0|bob"), CloudKeys.User("auth0|dave") } }, OneCommand()).Count());
    }

    [Fact]
    public void Users_are_looked_up_by_key_or_by_subject_in_any_case_names_with_a_directory_matching_nobody()
    {
        var tenant = Tenant();
        using var site = CloudTenantLists.Site(tenant);

        var inBatches = site.LookUpUsersInBatches(new[] { CloudKeys.User("auth0|bob") },
            new[] { new UserName(string.Empty, "AUTH0|CAROL"), new UserName("CORP", "auth0|alice") }, default);
        var atOnce = site.LookUpUsersAtOnce(new[] { new UserName(string.Empty, "Auth0|Dave"), new UserName("CORP", "auth0|alice") }, default);
        var asked = tenant.Gets("/api/v1/users");

        Assert.Equal(new[] { "auth0|bob", "auth0|carol" }, inBatches.Select(user => user.UserId));
        Assert.Equal(new[] { "auth0|dave" }, atOnce.Select(user => user.UserId));
        Assert.Empty(site.LookUpUsersAtOnce(new[] { new UserName("CORP", "auth0|alice") }, default));
        Assert.Equal(asked, tenant.Gets("/api/v1/users"));
    }

    [Fact]
    public void A_user_is_read_by_the_key_of_a_subject_seen_before_and_an_unknown_or_gone_one_is_not_found()
    {
        var tenant = Tenant();
        using var site = CloudTenantLists.Site(tenant);
        var unknown = Assert.Throws<SiteException>(() => site.ReadUserAsync(CloudKeys.User("auth0|carol"), default).GetAwaiter().GetResult());
        site.ReadAllocations(LicenseAccessType.Professional, AllocationFilter.All, default).ToList();

        var elsewhere = Assert.Throws<SiteException>(() => site.ReadUserAsync(CloudKeys.User("auth0|elsewhere"), default).GetAwaiter().GetResult());
        site.ReadUsers(UserFilter.All, default).ToList();
        var carol = site.ReadUserAsync(CloudKeys.User("auth0|carol"), default).GetAwaiter().GetResult();

        Assert.Equal((SiteErrorKind.NotFound, (int?)null, "GET", "/api/v1/users"), (unknown.ErrorKind, unknown.StatusCode, unknown.Method, unknown.Path));
        Assert.Equal((SiteErrorKind.NotFound, (int?)404, "GET", "/api/v1/users"), (elsewhere.ErrorKind, elsewhere.StatusCode, elsewhere.Method, elsewhere.Path));
        Assert.Equal(CloudMessages.NotFound("GET", "/api/v1/users"), elsewhere.Message);
        Assert.Equal(("Carol", CloudKeys.User("auth0|carol")), (carol.Name, carol.Id));
        Assert.Contains("""(subject eq "auth0|elsewhere") and (status eq "active" or status eq "invited" or status eq "disabled" or status eq "deleted" or status eq "provisioned")""", tenant.UserFilters());
    }

    [Fact]
    public void One_command_reads_the_users_and_consumption_once_and_the_assignments_again_only_after_a_change()
    {
        var batches = new List<List<string>>();
        var tenant = Tenant().Batch("delete", subject => CloudTenantLists.Status(200), batches);
        using var site = CloudTenantLists.Site(tenant);
        var command = OneCommand();

        var professional = site.ReadAllocations(LicenseAccessType.Professional, AllocationFilter.All, command).ToList();
        site.ReadAllocations(LicenseAccessType.Analyzer, AllocationFilter.All, command).ToList();
        site.LookUpUsersAtOnce(new[] { new UserName(string.Empty, "auth0|bob") }, command).ToList();
        var inactive = site.ReadUsers(new UserFilter { InactiveOnly = true }, command).ToList();
        site.ReadUsers(new UserFilter { RemovedFromDirectoryOnly = true }, command).ToList();
        var (usersBefore, assignmentsBefore) = (tenant.Gets("/api/v1/users"), tenant.Gets("/api/v1/licenses/assignments"));
        site.ReleaseAsync(professional[0], command).GetAwaiter().GetResult();
        site.ReadAllocations(LicenseAccessType.Professional, AllocationFilter.All, command).ToList();
        site.ReadAllocations(LicenseAccessType.Analyzer, AllocationFilter.All, command).ToList();

        Assert.Equal(new[] { "auth0|bob", "auth0|dave" }, inactive.Select(user => user.UserId).OrderBy(subject => subject));
        Assert.Equal(3 + 1, usersBefore);
        Assert.Equal(3, assignmentsBefore);
        Assert.Equal(usersBefore, tenant.Gets("/api/v1/users"));
        Assert.Equal(2, tenant.Gets("/api/v1/licenses/consumption"));
        Assert.Equal(3 + 3, tenant.Gets("/api/v1/licenses/assignments"));
        site.ReadAllocations(LicenseAccessType.Professional, AllocationFilter.All, OneCommand()).ToList();
        Assert.Equal(3 + 1 + 3, tenant.Gets("/api/v1/users"));
    }

    [Fact]
    public void Within_a_command_only_an_unconditioned_read_of_inactive_users_is_taken_from_what_the_command_read()
    {
        using var site = CloudTenantLists.Site(Tenant());
        var command = OneCommand();

        var inactive = site.ReadUsers(new UserFilter { InactiveOnly = true }, command).Select(user => user.UserId);
        var all = site.ReadUsers(UserFilter.All, command).Select(user => user.UserId);
        var alice = site.ReadUsers(new UserFilter { UserId = "auth0|alice", InactiveOnly = true }, command).Select(user => user.UserId);
        var carol = site.ReadUsers(new UserFilter { UserId = "auth0|carol" }, command).Select(user => user.UserId);

        Assert.Equal(new[] { "auth0|bob", "auth0|dave" }, inactive);
        Assert.Equal(new[] { "auth0|alice", "auth0|bob", "auth0|carol", "auth0|dave" }, all);
        Assert.Empty(alice);
        Assert.Equal(new[] { "auth0|carol" }, carol);
    }

    [Fact]
    public void Calls_without_a_command_read_afresh_each_time()
    {
        var tenant = Tenant();
        using var site = CloudTenantLists.Site(tenant);

        site.ReadAllocations(LicenseAccessType.Professional, AllocationFilter.All, default).ToList();
        site.ReadAllocations(LicenseAccessType.Professional, AllocationFilter.All, default).ToList();
        site.ReadUsers(new UserFilter { InactiveOnly = true }, default).ToList();
        site.ReadUsers(new UserFilter { InactiveOnly = true }, default).ToList();

        Assert.Equal(6, tenant.Gets("/api/v1/licenses/assignments"));
        Assert.Equal(3 + 3 + 1 + 1, tenant.Gets("/api/v1/users"));
    }

    [Fact]
    public void Refused_assignments_are_read_from_the_audits_of_the_window_grouped_by_subject_in_any_case()
    {
        var tenant = new StubTenant().Paged("/api/v1/audits",
            """
            {"eventTime":"2026-05-03T10:00:00Z","data":{"subject":"auth0|bob","message":"no available access type"}},
            {"eventTime":"2026-05-01T10:00:00Z","data":{"subject":"AUTH0|BOB","message":"too many sessions"}},
            {"eventTime":"2026-05-02T10:00:00Z","data":{"subject":"auth0|alice"}},
            {"eventTime":"2026-05-02T11:00:00Z","data":{"subject":""}},
            {"data":{"subject":"auth0|carol"}}
            """,
            """
            {"eventTime":"2026-05-04T10:00:00Z","data":{"subject":"auth0|bob"}},
            {"eventTime":"2026-05-02T10:00:00Z","data":{"subject":"auth0|bob","message":"user not found"}}
            """);
        using var site = CloudTenantLists.Site(tenant);
        var since = new DateTimeOffset(2026, 4, 1, 0, 0, 0, TimeSpan.Zero);
        var until = new DateTimeOffset(2026, 6, 1, 0, 0, 0, TimeSpan.Zero);

        var denials = site.ReadDenials(since, until, default);

        Assert.Equal(new[] { "auth0|bob", "auth0|alice" }, denials.Select(denial => denial.UserId));
        var bob = denials[0];
        Assert.Equal((4, new DateTime(2026, 5, 1, 10, 0, 0), new DateTime(2026, 5, 4, 10, 0, 0), LicenseDenialCause.NoAccessType),
            (bob.Count, bob.FirstDenied, bob.LastDenied, bob.Cause));
        Assert.Equal(string.Empty, bob.UserDirectory);
        Assert.Equal((1, LicenseDenialCause.Unstated), (denials[1].Count, denials[1].Cause));
        var query = System.Web.HttpUtility.ParseQueryString(tenant.Requests.First(request => request.Uri.AbsolutePath == "/api/v1/audits").Uri.Query);
        Assert.Equal(("com.qlik.license.assignment.rejected", "100"), (query["eventType"], query["limit"]));
        Assert.Equal(QlikDates.ToCloudLiteral(since) + "/" + QlikDates.ToCloudLiteral(until), query["eventTime"]);
    }

    [Fact]
    public void An_open_window_of_refusals_is_the_ninety_days_the_audits_keep_up_to_now()
    {
        var tenant = new StubTenant().Paged("/api/v1/audits", string.Empty);
        using var site = CloudTenantLists.Site(tenant);
        var before = DateTimeOffset.UtcNow;

        Assert.Empty(site.ReadDenials(null, null, default));

        var after = DateTimeOffset.UtcNow;
        var window = System.Web.HttpUtility.ParseQueryString(tenant.Requests.Last().Uri.Query)["eventTime"].Split('/');
        var (start, end) = (DateTimeOffset.Parse(window[0]), DateTimeOffset.Parse(window[1]));
        Assert.InRange(end, before.AddSeconds(-1), after.AddSeconds(1));
        Assert.Equal(TimeSpan.FromDays(90).TotalSeconds, (end - start).TotalSeconds, 1);
    }

    [Fact]
    public void A_later_stated_cause_replaces_an_earlier_one_and_an_earlier_one_only_fills_an_unstated_cause()
    {
        var tenant = new StubTenant().Paged("/api/v1/audits",
            """
            {"eventTime":"2026-05-02T10:00:00Z","data":{"subject":"auth0|bob"}},
            {"eventTime":"2026-05-01T10:00:00Z","data":{"subject":"auth0|bob","message":"user not found"}},
            {"eventTime":"2026-05-03T10:00:00Z","data":{"subject":"auth0|eve","message":"user not found"}},
            {"eventTime":"2026-05-03T10:00:00Z","data":{"subject":"auth0|eve","message":"too many sessions"}},
            {"eventTime":"2026-05-02T10:00:00Z","data":{"subject":"auth0|eve","message":"license has expired"}}
            """);
        using var site = CloudTenantLists.Site(tenant);

        var denials = site.ReadDenials(null, null, default).ToDictionary(denial => denial.UserId);

        Assert.Equal(LicenseDenialCause.UnknownUser, denials["auth0|bob"].Cause);
        Assert.Equal(LicenseDenialCause.TooManySessions, denials["auth0|eve"].Cause);
        Assert.Equal(new DateTime(2026, 5, 2, 10, 0, 0), denials["auth0|eve"].FirstDenied);
    }

    [Fact]
    public void Automatic_assignment_is_read_and_changed_sending_only_the_switches_asked()
    {
        var puts = new List<JObject>();
        var answer = """{"autoAssignProfessional":true,"autoAssignAnalyzer":false}""";
        var tenant = new StubTenant()
            .OnJson("GET", "/api/v1/licenses/settings", """{"autoAssignProfessional":false,"autoAssignAnalyzer":true}""")
            .On("PUT", "/api/v1/licenses/settings", (request, body) =>
            {
                puts.Add(StubTenant.BodyOf(body));
                return StubTenant.Json(answer);
            });
        using var site = CloudTenantLists.Site(tenant);

        var read = site.ReadAutoAssignmentAsync(default).GetAwaiter().GetResult();
        var changed = site.ChangeAutoAssignmentAsync(true, null, default).GetAwaiter().GetResult();
        answer = "{}";
        var readBack = site.ChangeAutoAssignmentAsync(null, false, default).GetAwaiter().GetResult();

        Assert.Equal((false, true, "acme.eu.qlikcloud.com"), (read.Professional, read.Analyzer, read.Site));
        Assert.Equal((true, false), (changed.Professional, changed.Analyzer));
        Assert.Equal((false, true), (readBack.Professional, readBack.Analyzer));
        Assert.Equal("""{"autoAssignProfessional":true}""", puts[0].ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal("""{"autoAssignAnalyzer":false}""", puts[1].ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal(2, tenant.Gets("/api/v1/licenses/settings"));
    }

    [Fact]
    public void Settings_without_the_switches_read_as_both_off()
    {
        var tenant = new StubTenant().OnJson("GET", "/api/v1/licenses/settings", "{}");
        using var site = CloudTenantLists.Site(tenant);

        var read = site.ReadAutoAssignmentAsync(default).GetAwaiter().GetResult();

        Assert.Equal((false, false), (read.Professional, read.Analyzer));
    }

    [Fact]
    public void The_connection_names_the_product_or_Qlik_Cloud_and_the_largest_batch_is_the_settings()
    {
        var tenant = new StubTenant().OnJson("GET", "/api/v1/licenses/status", """{"status":"Ok","product":""}""");
        var settings = tenant.Settings();
        settings.BatchSize = 37;

        using var connection = CloudSite.ConnectAsync(settings, tenant.Call).GetAwaiter().GetResult();

        Assert.Equal("Qlik Cloud", connection.ServerVersion);
        Assert.Equal(37, ((CloudSite)connection.SiteApi).LargestBatch);
        Assert.Equal(new Uri("https://acme.eu.qlikcloud.com/"), connection.BaseUri);
    }

    [Fact]
    public void A_connection_whose_status_read_fails_fails()
    {
        var tenant = new StubTenant();

        var error = Assert.ThrowsAny<SiteException>(() => CloudSite.ConnectAsync(tenant.Settings(), tenant.Call).GetAwaiter().GetResult());

        Assert.Equal(SiteErrorKind.NotFound, error.ErrorKind);
    }
}
