using System.Net;
using Newtonsoft.Json.Linq;
using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Grant;
using QlikLicense.Model;
using QlikLicense.Tests.Cloud;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Grant;

/// <summary>
/// Switching a tenant's automatic assignment (<see cref="AutoAssignmentChange"/>) on a tenant answered by
/// <see cref="StubTenant"/>: only the switches that differ are sent, after the host's decision, each journaled before
/// and with what the tenant stored.
/// </summary>
public sealed class AutoAssignmentChangeTests : IDisposable
{
    private readonly TemporaryFolder folder = new();
    private readonly List<JObject> puts = new();
    private readonly StubTenant tenant;
    private readonly QlikConnection connection;
    private string stored = """{"autoAssignProfessional":false,"autoAssignAnalyzer":true}""";
    private Func<string, HttpResponseMessage> answerPut;

    public AutoAssignmentChangeTests()
    {
        answerPut = body =>
        {
            var change = StubTenant.BodyOf(body);
            var now = JObject.Parse(stored);
            foreach (var property in change.Properties()) now[property.Name] = property.Value;
            stored = now.ToString(Newtonsoft.Json.Formatting.None);
            return StubTenant.Json(stored);
        };
        tenant = new StubTenant()
            .On("GET", "/api/v1/licenses/settings", (request, body) => StubTenant.Json(stored))
            .On("PUT", "/api/v1/licenses/settings", (request, body) =>
            {
                puts.Add(StubTenant.BodyOf(body));
                return answerPut(body);
            });
        connection = CloudTenantLists.Connect(tenant);
    }

    public void Dispose()
    {
        connection.Dispose();
        folder.Dispose();
    }

    private string Journal => folder.File("journal.jsonl");

    private List<JObject> JournalLines() => File.ReadAllLines(Journal).Select(JObject.Parse).ToList();

    private LicenseAutoAssignment Run(RecordingHost host, bool? professional, bool? analyzer) =>
        AutoAssignmentChange.Run(connection, professional, analyzer, host, Journal, tenant.Call);

    [Fact]
    public void The_switches_are_read_with_the_tenant_they_belong_to()
    {
        var read = AutoAssignmentChange.Read(connection, tenant.Call);

        Assert.Equal((false, true, "acme.eu.qlikcloud.com"), (read.Professional, read.Analyzer, read.Site));
        Assert.Same(connection, read.Connection);
    }

    [Fact]
    public void A_site_without_switches_is_not_supported_and_says_where_they_are()
    {
        using var site = new InMemorySite();

        var error = Assert.Throws<NotSupportedException>(() => AutoAssignmentChange.Read(site.Connect(), default));

        Assert.Equal("memory.example:4242 has no automatic assignment switches: they belong to Qlik Cloud tenants. A Qlik Sense site assigns licences automatically through license rules.",
            error.Message);
    }

    [Fact]
    public void Switches_already_as_wanted_are_left_alone_without_a_question_or_a_journal()
    {
        var host = new RecordingHost(approve: true);

        var result = Run(host, professional: false, analyzer: true);

        Assert.Equal((false, true), (result.Professional, result.Analyzer));
        Assert.Contains("Nothing to change: acme.eu.qlikcloud.com: Professional off, Analyzer on.", host.Verbose);
        Assert.Empty(host.Asked);
        Assert.Empty(puts);
        Assert.False(File.Exists(Journal));

        var nothingAsked = new RecordingHost(approve: true);
        var unchanged = Run(nothingAsked, professional: null, analyzer: null);
        Assert.Equal((false, true), (unchanged.Professional, unchanged.Analyzer));
        Assert.Empty(nothingAsked.Asked);
        Assert.Empty(puts);
    }

    [Fact]
    public void A_declined_change_sends_nothing_and_returns_nothing()
    {
        var host = new RecordingHost(approve: false);

        Assert.Null(Run(host, professional: true, analyzer: null));

        Assert.Equal(("acme.eu.qlikcloud.com: assign Professional automatically on", AutoAssignmentChange.Action, ChangeImpact.Medium), Assert.Single(host.Asked));
        Assert.Empty(puts);
        Assert.False(File.Exists(Journal));
    }

    [Fact]
    public void Only_the_switches_that_differ_are_sent_and_each_is_journaled_before_and_as_stored()
    {
        var host = new RecordingHost(approve: true);

        var result = Run(host, professional: true, analyzer: false);

        Assert.Equal("""{"autoAssignProfessional":true,"autoAssignAnalyzer":false}""", Assert.Single(puts).ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal((true, false, "acme.eu.qlikcloud.com"), (result.Professional, result.Analyzer, result.Site));
        Assert.Same(connection, result.Connection);
        Assert.Equal("acme.eu.qlikcloud.com: assign Professional automatically on, assign Analyzer automatically off", Assert.Single(host.Asked).Target);
        Assert.Equal(Journal, Assert.Single(host.Journals));
        var lines = JournalLines();
        Assert.Equal(new[]
        {
            ("Professional", false, true, (string)null),
            ("Analyzer", true, false, null),
            ("Professional", false, true, "Changed"),
            ("Analyzer", true, false, "Changed"),
        }, lines.Select(line => ((string)line["type"], (bool)line["autoAssignBefore"], (bool)line["autoAssignAfter"], (string)line["outcome"])));
        Assert.All(lines, line => Assert.Equal(("AutoAssignmentChange", (Guid)lines[0]["operationId"], "acme.eu.qlikcloud.com"), ((string)line["event"], (Guid)line["operationId"], (string)line["site"])));
        Assert.All(lines, line => Assert.Null(line["message"]));

        var analyzerOnly = new List<JObject>(puts);
        Run(new RecordingHost(approve: true), professional: null, analyzer: true);
        Assert.Equal("""{"autoAssignAnalyzer":true}""", puts.Last().ToString(Newtonsoft.Json.Formatting.None));
        Assert.Equal(analyzerOnly.Count + 1, puts.Count);
    }

    [Fact]
    public void A_switch_the_tenant_did_not_store_is_journaled_as_Failed_with_what_it_kept()
    {
        answerPut = body => StubTenant.Json("""{"autoAssignProfessional":false,"autoAssignAnalyzer":true}""");

        var result = Run(new RecordingHost(approve: true), professional: true, analyzer: null);

        Assert.False(result.Professional);
        var outcome = JournalLines()[1];
        Assert.Equal(("Failed", false, "The tenant answered with automatic Professional assignment still off."),
            ((string)outcome["outcome"], (bool)outcome["autoAssignAfter"], (string)outcome["message"]));
    }

    [Fact]
    public void A_change_the_tenant_refused_is_journaled_as_Unknown_with_its_error_and_thrown()
    {
        answerPut = body => StubTenant.Json("""{"errors":[{"title":"Forbidden"}]}""", HttpStatusCode.Forbidden);

        var error = Assert.ThrowsAny<SiteException>(() => Run(new RecordingHost(approve: true), professional: true, analyzer: false));

        var lines = JournalLines();
        Assert.Equal(4, lines.Count);
        Assert.All(lines.Skip(2), line => Assert.Equal(("Unknown", error.Message), ((string)line["outcome"], (string)line["message"])));
        Assert.Equal(new[] { "Professional", "Analyzer" }, lines.Skip(2).Select(line => (string)line["type"]));
    }
}
