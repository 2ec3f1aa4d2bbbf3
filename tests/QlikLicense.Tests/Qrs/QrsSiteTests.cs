using System.Net;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Qrs;
using Xunit;

namespace QlikLicense.Tests.Qrs;

/// <summary>
/// QrsSite through its QRS client over an in-memory handler: the paths, filters and bodies it sends, and how it reads
/// the answers.
/// </summary>
public sealed class QrsSiteTests
{
    private const string Professional = "qrs/license/professionalaccesstype";
    private const string Analyzer = "qrs/license/analyzeraccesstype";

    private static readonly Guid AliceKey = Guid.Parse("11111111-1111-1111-1111-111111111111");
    private static readonly Guid BobKey = Guid.Parse("22222222-2222-2222-2222-222222222222");
    private static readonly Guid AllocationId = Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001");

    private static IEnumerable<Guid> Keys(int count) => Enumerable.Range(1, count).Select(index => new Guid(index, 0, 0, new byte[8]));

    [Fact]
    public void Every_part_of_an_allocation_filter_is_sent_as_its_QRS_condition()
    {
        var stub = new StubRepository().OnJson("GET", Professional + "/full", "[" + StubRepository.Allocation(AllocationId, AliceKey) + "]");
        using var site = stub.Site();

        var read = site.ReadAllocations(LicenseAccessType.Professional, new AllocationFilter
        {
            UserId = "o'brien",
            UserDirectory = "ACME",
            UnusedSinceUtc = new DateTime(2026, 1, 2, 3, 4, 5, DateTimeKind.Utc),
            UsedSinceUtc = new DateTime(2025, 6, 7, 8, 9, 10, DateTimeKind.Utc),
            Quarantined = true,
            HeldBy = new UserFilter { RemovedFromDirectoryOnly = true },
        }, stub.Call).ToList();

        Assert.Equal(new[]
        {
            "(user.userId eq 'o\\'brien') and (user.userDirectory eq 'ACME') and (lastUsed lt '2026-01-02T03:04:05.000Z') and " +
            "(lastUsed ge '2025-06-07T08:09:10.000Z') and (quarantined eq true) and (user.removedExternally eq true)",
        }, stub.FiltersOf("GET", Professional + "/full"));
        var allocation = Assert.Single(read);
        Assert.Equal(AllocationId, allocation.Id);
        Assert.Equal(AliceKey, allocation.UserKey);
        Assert.Same(site.Connection, allocation.Connection);
    }

    [Fact]
    public void Each_part_of_an_allocation_filter_alone_is_the_only_condition_sent()
    {
        var stub = new StubRepository().OnJson("GET", Analyzer + "/full", "[]");
        using var site = stub.Site();
        var filters = new[]
        {
            new AllocationFilter(),
            new AllocationFilter { UserId = "alice" },
            new AllocationFilter { UserDirectory = "ACME" },
            new AllocationFilter { UnusedSinceUtc = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc) },
            new AllocationFilter { UsedSinceUtc = new DateTime(2026, 1, 2, 0, 0, 0, DateTimeKind.Utc) },
            new AllocationFilter { Quarantined = false },
            new AllocationFilter { HeldBy = new UserFilter { InactiveOnly = true } },
        };

        foreach (var filter in filters) site.ReadAllocations(LicenseAccessType.Analyzer, filter, stub.Call).ToList();

        Assert.Equal(new[]
        {
            null,
            "user.userId eq 'alice'",
            "user.userDirectory eq 'ACME'",
            "lastUsed lt '2026-01-02T00:00:00.000Z'",
            "lastUsed ge '2026-01-02T00:00:00.000Z'",
            "quarantined eq false",
            "user.inactive eq true",
        }, stub.FiltersOf("GET", Analyzer + "/full"));
    }

    [Fact]
    public void Allocations_of_many_users_are_looked_up_in_batches_of_fifty_by_their_user_keys()
    {
        var keys = Keys(120).ToList();
        var stub = new StubRepository().On("GET", Professional + "/full",
            request => StubRepository.Json("[" + StubRepository.Allocation(Guid.NewGuid(), keys[0]) + "]"));
        using var site = stub.Site();

        var found = site.LookUpAllocationsInBatches(LicenseAccessType.Professional, keys, stub.Call).ToList();

        var filters = stub.FiltersOf("GET", Professional + "/full");
        Assert.Equal(new[] { 50, 50, 20 }, filters.Select(filter => filter.Split(" or ").Length));
        Assert.Equal(string.Join(" or ", keys.Take(50).Select(key => $"(user.id eq {key:D})")), filters[0]);
        Assert.StartsWith($"(user.id eq {keys[100]:D})", filters[2]);
        Assert.Equal(3, found.Count);
        Assert.All(found, allocation => Assert.Same(site.Connection, allocation.Connection));
    }

    [Fact]
    public void Allocations_looked_up_at_once_are_one_read_whose_answer_keeps_only_the_users_asked_for()
    {
        var outsider = Guid.Parse("33333333-3333-3333-3333-333333333333");
        var stub = new StubRepository().OnJson("GET", Professional + "/full", "[" +
            StubRepository.Allocation(Guid.Parse("aaaaaaaa-0000-0000-0000-000000000001"), AliceKey) + "," +
            StubRepository.Allocation(Guid.Parse("aaaaaaaa-0000-0000-0000-000000000002"), outsider, "carol") + "," +
            StubRepository.Allocation(Guid.Parse("aaaaaaaa-0000-0000-0000-000000000003"), null) + "," +
            StubRepository.Allocation(Guid.Parse("aaaaaaaa-0000-0000-0000-000000000004"), BobKey, "bob") + "]");
        using var site = stub.Site();

        var found = site.LookUpAllocationsAtOnce(LicenseAccessType.Professional, new[] { AliceKey, BobKey, AliceKey }, stub.Call).ToList();

        Assert.Equal(new[] { $"(user.id eq {AliceKey:D}) or (user.id eq {BobKey:D})" }, stub.FiltersOf("GET", Professional + "/full"));
        Assert.Equal(new[] { AliceKey, BobKey }, found.Select(allocation => allocation.UserKey!.Value));
    }

    [Fact]
    public void Allocations_of_users_too_many_for_one_filter_are_read_whole_and_kept_to_the_users_asked_for()
    {
        var keys = Keys(200).ToList();
        var stub = new StubRepository().OnJson("GET", Professional + "/full", "[" + StubRepository.Allocation(AllocationId, keys[199]) + "," + StubRepository.Allocation(Guid.NewGuid(), AliceKey) + "]");
        using var site = stub.Site();

        var found = site.LookUpAllocationsAtOnce(LicenseAccessType.Professional, keys, stub.Call).ToList();

        Assert.Equal(new string[] { null }, stub.FiltersOf("GET", Professional + "/full"));
        Assert.Equal(AllocationId, Assert.Single(found).Id);
    }

    [Fact]
    public async Task An_allocation_is_found_by_its_entity_path_and_a_missing_one_is_null()
    {
        var missing = Guid.Parse("aaaaaaaa-0000-0000-0000-0000000000ff");
        var stub = new StubRepository()
            .OnJson("GET", $"{Analyzer}/{AllocationId:D}", StubRepository.Allocation(AllocationId, AliceKey, quarantined: true));
        using var site = stub.Site();

        var found = await site.FindAllocationAsync(LicenseAccessType.Analyzer, AllocationId, stub.Call);
        var gone = await site.FindAllocationAsync(LicenseAccessType.Analyzer, missing, stub.Call);

        Assert.NotNull(found);
        Assert.Equal(LicenseAccessType.Analyzer, found.Type);
        Assert.True(found.Quarantined);
        Assert.Same(site.Connection, found.Connection);
        Assert.Null(gone);
        Assert.Equal($"{Analyzer}/{missing:D}", stub.Requests.Last().Path);
    }

    [Fact]
    public async Task Finding_an_allocation_the_site_refuses_to_show_fails_instead_of_reporting_it_gone()
    {
        var stub = new StubRepository().OnJson("GET", $"{Analyzer}/{AllocationId:D}", "\"forbidden\"", HttpStatusCode.Forbidden);
        using var site = stub.Site();

        var error = await Assert.ThrowsAsync<QrsException>(() => site.FindAllocationAsync(LicenseAccessType.Analyzer, AllocationId, stub.Call));

        Assert.Equal(SiteErrorKind.AccessDenied, error.ErrorKind);
    }

    [Fact]
    public async Task Many_allocations_are_found_by_id_in_batches_of_fifty()
    {
        var ids = Keys(60).ToList();
        var stub = new StubRepository().On("GET", Professional + "/full", request => StubRepository.Json("[" + StubRepository.Allocation(Guid.NewGuid(), AliceKey) + "]"));
        using var site = stub.Site();

        var found = await site.FindAllocationsAsync(LicenseAccessType.Professional, ids, stub.Call);

        var filters = stub.FiltersOf("GET", Professional + "/full");
        Assert.Equal(string.Join(" or ", ids.Take(50).Select(id => $"(id eq {id:D})")), filters[0]);
        Assert.Equal(string.Join(" or ", ids.Skip(50).Select(id => $"(id eq {id:D})")), filters[1]);
        Assert.Equal(2, filters.Count);
        Assert.Equal(2, found.Count);
    }

    [Fact]
    public async Task The_overview_gives_one_summary_per_access_type_named_after_the_site()
    {
        var stub = new StubRepository().OnJson("GET", "qrs/license/accesstypeoverview",
            """{"totalTokens":100,"availableTokens":40,"professionalAccess":{"enabled":true,"total":10,"allocated":7,"used":6,"quarantined":1,"excess":0,"available":2},"analyzerAccess":{"enabled":true,"total":20,"allocated":5,"quarantined":0}}""");
        using var site = stub.Site();

        var summaries = await site.ReadSummaryAsync(stub.Call);

        Assert.Equal(LicenseAccessTypes.All, summaries.Select(summary => summary.Type));
        Assert.All(summaries, summary => Assert.Equal("qlik.example:443/hdr", summary.Site));
        var professional = summaries.Single(summary => summary.Type == LicenseAccessType.Professional);
        Assert.Equal((10, 7, 2), (professional.Total, professional.Allocated, professional.Available));
        Assert.Equal(15, summaries.Single(summary => summary.Type == LicenseAccessType.Analyzer).Available);
    }

    [Fact]
    public void The_site_is_named_and_described_from_its_connection_settings()
    {
        using var site = new StubRepository().Site();

        Assert.Equal("qlik.example", site.Address.Server);
        Assert.Equal(443, site.Address.Port);
        Assert.Equal("hdr", site.Address.VirtualProxyPrefix);
        Assert.Equal(new Uri("https://qlik.example/hdr/"), site.Address.BaseUri);
        Assert.Equal("Header X-Qlik-User", site.Address.Authentication);
        Assert.False(site.Address.CertificateCheckSkipped);
        Assert.Equal("qlik.example:443/hdr", site.Address.Name);
    }

    [Fact]
    public void The_archived_log_folders_are_each_clusters_archive_else_its_share_once_whatever_the_case()
    {
        var stub = new StubRepository().OnJson("GET", "qrs/servicecluster/full", """
            [
              {"settings":{"sharedPersistenceProperties":{"archivedLogsRootFolder":"\\\\fs\\Archive","rootFolder":"\\\\fs\\QlikShare"}}},
              {"settings":{"sharedPersistenceProperties":{"archivedLogsRootFolder":"\\\\FS\\ARCHIVE"}}},
              {"settings":{"sharedPersistenceProperties":{"archivedLogsRootFolder":"","rootFolder":"share"}}},
              {"settings":{"sharedPersistenceProperties":{"rootFolder":""}}},
              {"settings":{}}
            ]
            """);
        using var site = stub.Site();

        var folders = site.ReadArchivedLogFolders(stub.Call);

        Assert.Equal(new[] { @"\\fs\Archive", Path.Combine("share", "ArchivedLogs") }, folders);
    }

    [Fact]
    public async Task Releasing_deletes_the_allocation_and_tells_whether_it_was_still_there()
    {
        var gone = Guid.Parse("aaaaaaaa-0000-0000-0000-0000000000ff");
        var stub = new StubRepository().OnJson("DELETE", $"{Analyzer}/{AllocationId:D}", "");
        using var site = stub.Site();

        var released = await site.ReleaseAsync(new LicenseAllocation { Id = AllocationId, Type = LicenseAccessType.Analyzer }, stub.Call);
        var alreadyGone = await site.ReleaseAsync(new LicenseAllocation { Id = gone, Type = LicenseAccessType.Analyzer }, stub.Call);

        Assert.True(released.Removed);
        Assert.False(alreadyGone.Removed);
        Assert.Equal(new[] { $"{Analyzer}/{AllocationId:D}", $"{Analyzer}/{gone:D}" }, stub.Requests.Select(request => request.Path));
    }

    [Fact]
    public async Task Reinstating_puts_the_allocation_read_back_with_quarantined_false_and_without_empty_text()
    {
        var path = $"{Professional}/{AllocationId:D}";
        var stub = new StubRepository()
            .OnJson("GET", path, $$$"""{"id":"{{{AllocationId:D}}}","quarantined":true,"modifiedDate":"2026-03-01T10:00:00.000Z","comment":"","user":{"id":"{{{AliceKey:D}}}","name":""}}""")
            .OnJson("PUT", path, "{}");
        using var site = stub.Site();

        var reinstated = await site.ReinstateAsync(new LicenseAllocation { Id = AllocationId, Type = LicenseAccessType.Professional }, stub.Call);

        Assert.True(reinstated);
        var put = stub.Requests.Single(request => request.Method == "PUT");
        Assert.Equal(path, put.Path);
        Assert.True(JToken.DeepEquals(
            JObject.Parse($$$"""{"id":"{{{AllocationId:D}}}","quarantined":false,"modifiedDate":"2026-03-01T10:00:00.000Z","user":{"id":"{{{AliceKey:D}}}"}}"""),
            JObject.Parse(put.Body)), put.Body);
    }

    [Theory]
    [InlineData(400)]
    [InlineData(409)]
    [InlineData(499)]
    public async Task A_reinstatement_the_site_refuses_with_a_client_error_is_false_and_traced(int status)
    {
        var path = $"{Professional}/{AllocationId:D}";
        var stub = new StubRepository()
            .OnJson("GET", path, $$$"""{"id":"{{{AllocationId:D}}}","quarantined":true}""")
            .OnJson("PUT", path, "\"refused\"", (HttpStatusCode)status);
        using var site = stub.Site();

        var reinstated = await site.ReinstateAsync(new LicenseAllocation { Id = AllocationId, Type = LicenseAccessType.Professional }, stub.Call);

        Assert.False(reinstated);
        Assert.Contains(QrsMessages.Allocations.ReinstateRefused(status), stub.Trace);
    }

    [Theory]
    [InlineData(500, SiteErrorKind.ServerError)]
    [InlineData(403, SiteErrorKind.AccessDenied)]
    [InlineData(401, SiteErrorKind.AccessDenied)]
    public async Task A_reinstatement_that_fails_otherwise_is_thrown(int status, SiteErrorKind kind)
    {
        var path = $"{Professional}/{AllocationId:D}";
        var stub = new StubRepository()
            .OnJson("GET", path, $$$"""{"id":"{{{AllocationId:D}}}","quarantined":true}""")
            .OnJson("PUT", path, "\"failed\"", (HttpStatusCode)status);
        using var site = stub.Site();

        var error = await Assert.ThrowsAsync<QrsException>(() =>
            site.ReinstateAsync(new LicenseAllocation { Id = AllocationId, Type = LicenseAccessType.Professional }, stub.Call));

        Assert.Equal(kind, error.ErrorKind);
    }

    [Fact]
    public async Task An_allocation_read_back_as_no_object_is_not_reinstated_and_nothing_is_put()
    {
        var path = $"{Professional}/{AllocationId:D}";
        var stub = new StubRepository().OnJson("GET", path, "[]");
        using var site = stub.Site();

        var reinstated = await site.ReinstateAsync(new LicenseAllocation { Id = AllocationId, Type = LicenseAccessType.Professional }, stub.Call);

        Assert.False(reinstated);
        Assert.DoesNotContain(stub.Requests, request => request.Method == "PUT");
    }

    [Fact]
    public async Task Allocating_posts_the_condensed_user_and_reads_the_new_allocation()
    {
        var stub = new StubRepository().OnJson("POST", Analyzer, StubRepository.Allocation(AllocationId, AliceKey));
        using var site = stub.Site();

        var allocation = await site.AllocateAsync(LicenseAccessType.Analyzer,
            new QlikUser { Id = AliceKey, UserId = "alice", UserDirectory = "ACME", Name = "Alice" }, stub.Call);

        var post = Assert.Single(stub.Requests);
        Assert.Equal(Analyzer, post.Path);
        Assert.True(JToken.DeepEquals(
            JObject.Parse($$$"""{"user":{"id":"{{{AliceKey:D}}}","userId":"alice","userDirectory":"ACME"}}"""), JObject.Parse(post.Body)), post.Body);
        Assert.NotNull(allocation);
        Assert.Equal((AllocationId, LicenseAccessType.Analyzer), (allocation.Id, allocation.Type));
        Assert.Same(site.Connection, allocation.Connection);
    }

    [Fact]
    public async Task An_allocation_answered_with_no_object_is_null()
    {
        var stub = new StubRepository().OnJson("POST", Analyzer, "null");
        using var site = stub.Site();

        var allocation = await site.AllocateAsync(LicenseAccessType.Analyzer, new QlikUser { Id = AliceKey, UserId = "alice", UserDirectory = "ACME" }, stub.Call);

        Assert.Null(allocation);
    }

    [Fact]
    public void Users_are_read_from_the_full_user_list_with_their_filter()
    {
        var stub = new StubRepository().OnJson("GET", "qrs/user/full",
            $$$"""[{"id":"{{{AliceKey:D}}}","userId":"alice","userDirectory":"ACME","name":"Alice","removedExternally":true}]""");
        using var site = stub.Site();

        var users = site.ReadUsers(new UserFilter { UserDirectory = "ACME", RemovedFromDirectoryOnly = true }, stub.Call).ToList();

        Assert.Equal(new[] { "(userDirectory eq 'ACME') and (removedExternally eq true)" }, stub.FiltersOf("GET", "qrs/user/full"));
        var user = Assert.Single(users);
        Assert.Equal((AliceKey, "alice", "ACME", true), (user.Id, user.UserId, user.UserDirectory, user.RemovedExternally));
    }

    [Fact]
    public void License_rules_of_a_type_are_the_license_category_rules_of_its_resource_prefix()
    {
        var stub = new StubRepository().OnJson("GET", "qrs/systemrule/full", $$$"""
            [{"id":"{{{AllocationId:D}}}","name":"Sales","category":"License","rule":"user.group = \"Sales\"","resourceFilter":"License.AnalyzerAccessGroup_{{{BobKey:D}}}"},
             {"id":"{{{AliceKey:D}}}","name":"Not a license rule","category":"Security","rule":"true","resourceFilter":"App_*"}]
            """);
        using var site = stub.Site();

        var rules = site.ListRules(LicenseAccessType.Analyzer, stub.Call).ToList();

        Assert.Equal(new[] { "(category eq 'License') and (resourceFilter sw 'License.AnalyzerAccessGroup_')" }, stub.FiltersOf("GET", "qrs/systemrule/full"));
        var rule = Assert.Single(rules);
        Assert.Equal(("Sales", LicenseAccessType.Analyzer, BobKey), (rule.Name, rule.Type, rule.AccessGroupId));
    }
}
