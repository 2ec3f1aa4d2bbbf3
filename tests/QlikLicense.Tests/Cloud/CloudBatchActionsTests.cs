using System.Net;
using Newtonsoft.Json.Linq;
using QlikLicense.Cloud;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Cloud;

/// <summary>
/// The batch actions of a tenant (<see cref="CloudBatchActions"/>) and the releases and allocations sent through them:
/// what each request carries, and how each item's answer is found in the 207.
/// </summary>
public sealed class CloudBatchActionsTests
{
    private const string Delete = "/api/v1/licenses/assignments/actions/delete";

    private static (CloudClient Client, StubTenant Tenant) Client(Func<JArray, string> answerOf, TimeSpan? writeInterval = null)
    {
        var tenant = new StubTenant().On("POST", Delete, (request, body) =>
            StubTenant.Json(answerOf((JArray)StubTenant.BodyOf(body)["delete"]), (HttpStatusCode)207));
        var settings = tenant.Settings();
        settings.WriteInterval = writeInterval ?? TimeSpan.Zero;
        return (new CloudClient(settings), tenant);
    }

    private static List<JArray> Sent(StubTenant tenant) => tenant.Requests
        .Where(request => request.Method == HttpMethod.Post)
        .Select(request => (JArray)StubTenant.BodyOf(request.Body)["delete"]).ToList();

    private static CloudItemAnswer Answer(Task<CloudItemAnswer> answer) => answer.GetAwaiter().GetResult();

    [Fact]
    public void Held_items_go_in_batches_of_the_batch_size_the_rest_when_the_hold_ends()
    {
        var (client, tenant) = Client(items => CloudTenantLists.AllAnswered(items, 200));
        using var _ = client;
        var batch = new CloudBatchActions(client, Delete, "delete", 2);

        var hold = batch.Hold();
        var answers = new[] { "a", "b", "c", "d", "e" }.Select(subject => batch.SendAsync(subject, "analyzer", tenant.Call)).ToList();
        Answer(answers[3]);
        var sentWhileHeld = Sent(tenant).Count;
        var lastBeforeTheEnd = answers[4].IsCompleted;
        hold.Dispose();
        hold.Dispose();

        Assert.All(answers, answer => Assert.Equal(200, Answer(answer).Status));
        Assert.Equal((2, false), (sentWhileHeld, lastBeforeTheEnd));
        var sent = Sent(tenant);
        Assert.Equal(new[] { "a,b", "c,d", "e" }, sent.Select(items => string.Join(",", items.Select(item => (string)item["subject"]))));
        Assert.Equal("""{"subject":"a","type":"analyzer"}""", sent[0][0].ToString(Newtonsoft.Json.Formatting.None));
    }

    [Fact]
    public void Nothing_held_goes_until_every_hold_ends()
    {
        var (client, tenant) = Client(items => CloudTenantLists.AllAnswered(items, 200));
        using var _ = client;
        var batch = new CloudBatchActions(client, Delete, "delete", 10);

        var outer = batch.Hold();
        var inner = batch.Hold();
        var first = batch.SendAsync("a", "analyzer", tenant.Call);
        inner.Dispose();
        var second = batch.SendAsync("b", "analyzer", tenant.Call);
        var sentWhileHeld = Sent(tenant).Count;
        outer.Dispose();

        Assert.Equal((200, 200), (Answer(first).Status, Answer(second).Status));
        Assert.Equal(0, sentWhileHeld);
        Assert.Equal(2, Assert.Single(Sent(tenant)).Count);
    }

    [Fact]
    public void A_batch_size_below_one_sends_items_one_by_one()
    {
        var (client, tenant) = Client(items => CloudTenantLists.AllAnswered(items, 200));
        using var _ = client;
        var batch = new CloudBatchActions(client, Delete, "delete", 0);

        using (batch.Hold())
        {
            Answer(batch.SendAsync("a", "analyzer", tenant.Call));
            Answer(batch.SendAsync("b", "analyzer", tenant.Call));
        }

        Assert.Equal(new[] { 1, 1 }, Sent(tenant).Select(items => items.Count));
    }

    [Fact]
    public void Each_item_gets_its_own_answer_by_subject_in_any_case_and_type_and_one_the_answer_omits_is_an_invalid_response()
    {
        var (client, tenant) = Client(items => """
            {"data":[
              {"subject":"auth0|c","type":"analyzer","status":404,"code":"LICENSES-016","title":"Not found"},
              {"subject":"AUTH0|A","type":"PROFESSIONAL","status":200},
              {"subject":"auth0|a","type":"analyzer","status":403,"code":"LICENSES-011","title":"No seat"}
            ]}
            """);
        using var _ = client;
        var batch = new CloudBatchActions(client, Delete, "delete", 10);

        List<Task<CloudItemAnswer>> answers;
        using (batch.Hold())
            answers = new[] { ("auth0|a", "analyzer"), ("auth0|a", "professional"), ("auth0|b", "analyzer"), ("auth0|c", "analyzer") }
                .Select(item => batch.SendAsync(item.Item1, item.Item2, tenant.Call)).ToList();

        Assert.Equal((403, "LICENSES-011", "No seat"), (Answer(answers[0]).Status, Answer(answers[0]).Code, Answer(answers[0]).Title));
        Assert.Equal((200, null, null), (Answer(answers[1]).Status, Answer(answers[1]).Code, Answer(answers[1]).Title));
        var missing = Assert.Throws<SiteException>(() => Answer(answers[2]));
        Assert.Equal((SiteKind.QlikCloud, SiteErrorKind.InvalidResponse, 207, "POST", Delete), (missing.Site, missing.ErrorKind, missing.StatusCode, missing.Method, missing.Path));
        Assert.Equal(CloudMessages.ItemMissing("delete", "auth0|b"), missing.Message);
        Assert.Equal(404, Answer(answers[3]).Status);
    }

    [Fact]
    public void The_same_item_asked_twice_in_a_batch_gets_the_answers_in_their_order()
    {
        var (client, tenant) = Client(items => """{"data":[{"subject":"a","type":"analyzer","status":200},{"subject":"a","type":"analyzer","status":404}]}""");
        using var _ = client;
        var batch = new CloudBatchActions(client, Delete, "delete", 10);

        List<Task<CloudItemAnswer>> answers;
        using (batch.Hold()) answers = new[] { "a", "a" }.Select(subject => batch.SendAsync(subject, "analyzer", tenant.Call)).ToList();

        Assert.Equal(new[] { 200, 404 }, answers.Select(answer => Answer(answer).Status));
    }

    [Fact]
    public void Items_are_answered_by_position_only_when_the_answer_names_no_subjects_and_has_one_item_each()
    {
        var answer = """{"data":[{"status":200},{"status":404}]}""";
        var (client, tenant) = Client(items => answer);
        using var _ = client;
        var batch = new CloudBatchActions(client, Delete, "delete", 10);

        List<Task<CloudItemAnswer>> Send(params string[] subjects)
        {
            using (batch.Hold()) return subjects.Select(subject => batch.SendAsync(subject, "analyzer", tenant.Call)).ToList();
        }

        var byPosition = Send("a", "b");
        Assert.Equal(new[] { 200, 404 }, byPosition.Select(item => Answer(item).Status));
        var tooFew = Send("a", "b", "c");
        Assert.All(tooFew, item => Assert.Throws<SiteException>(() => Answer(item)));
        answer = """{"data":[{"subject":"x","type":"analyzer","status":200},{"status":404}]}""";
        var named = Send("a", "b");
        Assert.Throws<SiteException>(() => Answer(named[0]));
        Assert.Equal(404, Answer(named[1]).Status);
        answer = """{"data":[{"subject":"b","type":"analyzer","status":404},{"status":200}]}""";
        var namedFirst = Send("a", "b");
        Assert.Throws<SiteException>(() => Answer(namedFirst[0]));
        Assert.Equal(404, Answer(namedFirst[1]).Status);
        answer = """{"data":[{"type":"analyzer"}]}""";
        Assert.Equal(0, Answer(Send("a")[0]).Status);
        answer = """{"items":[]}""";
        Assert.Throws<SiteException>(() => Answer(Send("a")[0]));
    }

    [Fact]
    public void A_request_that_fails_fails_every_item_it_carried_with_its_error()
    {
        var tenant = new StubTenant().OnJson("POST", Delete, """{"errors":[{"title":"Bad"}]}""", HttpStatusCode.BadRequest);
        using var client = new CloudClient(tenant.Settings());
        var batch = new CloudBatchActions(client, Delete, "delete", 10);

        List<Task<CloudItemAnswer>> answers;
        using (batch.Hold()) answers = new[] { "a", "b" }.Select(subject => batch.SendAsync(subject, "analyzer", tenant.Call)).ToList();

        var errors = answers.Select(answer => Assert.ThrowsAny<SiteException>(() => Answer(answer))).ToList();
        Assert.Same(errors[0], errors[1]);
        Assert.Equal(400, errors[0].StatusCode);
    }

    [Fact]
    public void Items_waiting_for_a_closed_write_tier_fail_when_their_command_is_cancelled()
    {
        var (client, tenant) = Client(items => CloudTenantLists.AllAnswered(items, 200), writeInterval: TimeSpan.FromHours(1));
        using var _ = client;
        var batch = new CloudBatchActions(client, Delete, "delete", 10);
        client.WriteAsync(HttpMethod.Post, Delete, new JObject { ["delete"] = new JArray() }, tenant.Call).GetAwaiter().GetResult();
        using var command = new CancellationTokenSource();

        var waiting = new[] { "a", "b" }.Select(subject => batch.SendAsync(subject, "analyzer", new SiteCall(command.Token))).ToList();
        command.Cancel();

        Assert.All(waiting, answer => Assert.ThrowsAny<OperationCanceledException>(() => Answer(answer)));
        Assert.Empty(Assert.Single(Sent(tenant)));
    }

    [Fact]
    public void Items_asked_after_a_cancelled_command_are_sent_when_the_write_tier_opens()
    {
        var now = new DateTime(2026, 6, 1, 8, 0, 0, DateTimeKind.Utc);
        var tenant = new StubTenant().On("POST", Delete, (request, body) =>
            StubTenant.Json(CloudTenantLists.AllAnswered((JArray)StubTenant.BodyOf(body)["delete"], 200), (HttpStatusCode)207));
        var settings = tenant.Settings();
        settings.WriteInterval = TimeSpan.FromHours(1);
        using var client = new CloudClient(settings, () => now);
        var batch = new CloudBatchActions(client, Delete, "delete", 10);
        client.WriteAsync(HttpMethod.Post, Delete, new JObject { ["delete"] = new JArray() }, tenant.Call).GetAwaiter().GetResult();
        using var command = new CancellationTokenSource();
        var cancelled = batch.SendAsync("a", "analyzer", new SiteCall(command.Token));
        command.Cancel();
        Assert.ThrowsAny<OperationCanceledException>(() => Answer(cancelled));

        now = now.AddHours(2);
        var later = batch.SendAsync("b", "analyzer", tenant.Call);

        Assert.Equal(200, Answer(later).Status);
        Assert.Equal(new[] { 0, 1 }, Sent(tenant).Select(items => items.Count));
    }

    [Fact]
    public void A_batch_refused_with_429_is_sent_again_when_the_tier_opens_and_each_item_answered()
    {
        var posts = 0;
        var tenant = new StubTenant().On("POST", Delete, (request, body) =>
        {
            if (Interlocked.Increment(ref posts) == 1)
            {
                var busy = StubTenant.Json("{}", (HttpStatusCode)429);
                busy.Headers.RetryAfter = new System.Net.Http.Headers.RetryConditionHeaderValue(TimeSpan.Zero);
                return busy;
            }
            var items = (JArray)StubTenant.BodyOf(body)["delete"];
            return StubTenant.Json(CloudTenantLists.AllAnswered(items, 200), (HttpStatusCode)207);
        });
        using var client = new CloudClient(tenant.Settings());
        var batch = new CloudBatchActions(client, Delete, "delete", 10);

        List<Task<CloudItemAnswer>> answers;
        using (batch.Hold()) answers = new[] { "a", "b" }.Select(subject => batch.SendAsync(subject, "analyzer", tenant.Call)).ToList();

        Assert.All(answers, answer => Assert.Equal(200, Answer(answer).Status));
        Assert.Equal(2, posts);
        Assert.Contains(tenant.Trace, line => line.Contains("429") && line.Contains("Write tier"));
    }
}
