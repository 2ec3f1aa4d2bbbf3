using System.Net;
using System.Text.RegularExpressions;
using Newtonsoft.Json.Linq;
using QlikLicense.Cloud;

namespace QlikLicense.Tests.Cloud;

/// <summary>Answers for <see cref="StubTenant"/> routes: lists served over several pages, and 207 answers of batch actions.</summary>
internal static class CloudTenantLists
{
    /// <summary>
    /// Serves a list in pages, the first without a page parameter, each next one asked through the previous page's
    /// next link, which keeps the query and adds <c>page=N</c>; the last page has none.
    /// </summary>
    public static StubTenant Paged(this StubTenant tenant, string path, params string[] pages) =>
        tenant.On("GET", path, (request, body) => Page(request, pages));

    /// <summary>
    /// The users list: the users (JSON objects) whose status the filter names, and whose subject it names when it
    /// names one, two to a page.
    /// </summary>
    public static StubTenant Users(this StubTenant tenant, params string[] users) =>
        tenant.On("GET", "/api/v1/users", (request, body) =>
        {
            var filter = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query)["filter"] ?? string.Empty;
            var statuses = Regex.Matches(filter, "status eq \"([a-z]+)\"").Select(match => match.Groups[1].Value).ToHashSet();
            var subject = Regex.Match(filter, "subject eq \"((?:[^\"\\\\]|\\\\.)*)\"");
            var kept = users.Select(JObject.Parse)
                .Where(user => statuses.Contains((string)user["status"]))
                .Where(user => !subject.Success || (string)user["subject"] == Regex.Unescape(subject.Groups[1].Value))
                .Select(user => user.ToString(Newtonsoft.Json.Formatting.None)).ToList();
            var pages = kept.Chunk(2).Select(page => string.Join(",", page)).DefaultIfEmpty(string.Empty).ToArray();
            return Page(request, pages);
        });

    private static HttpResponseMessage Page(HttpRequestMessage request, string[] pages)
    {
        var query = System.Web.HttpUtility.ParseQueryString(request.RequestUri.Query);
        var number = int.TryParse(query["page"], out var asked) ? asked : 1;
        query["page"] = (number + 1).ToString(System.Globalization.CultureInfo.InvariantCulture);
        var next = "?" + string.Join("&", query.AllKeys.Select(key => key + "=" + Uri.EscapeDataString(query[key])));
        return StubTenant.Json(StubTenant.Page(pages[number - 1], number < pages.Length ? next : null));
    }

    /// <summary>The users filter the tenant was asked for, decoded, per request of the users list.</summary>
    public static List<string> UserFilters(this StubTenant tenant) => tenant.Requests
        .Where(request => request.Uri.AbsolutePath == "/api/v1/users")
        .Select(request => System.Web.HttpUtility.ParseQueryString(request.Uri.Query)["filter"] ?? string.Empty)
        .ToList();

    public static int Gets(this StubTenant tenant, string path) =>
        tenant.Requests.Count(request => request.Method == HttpMethod.Get && request.Uri.AbsolutePath == path);

    /// <summary>A 207 answering every item of a batch action with the status.</summary>
    public static string AllAnswered(JArray items, int status) =>
        new JObject { ["data"] = new JArray(items.Select(item => { var answer = (JObject)item.DeepClone(); answer["status"] = status; return answer; })) }.ToString();

    /// <summary>A batch action answering each item of each request with what <paramref name="answerOf"/> gives its subject, recording the subjects of each request.</summary>
    public static StubTenant Batch(this StubTenant tenant, string action, Func<string, JObject> answerOf, List<List<string>> batches)
    {
        var path = action == "add" ? "/api/v1/licenses/assignments/actions/add" : "/api/v1/licenses/assignments/actions/delete";
        return tenant.On("POST", path, (request, body) =>
        {
            var items = (JArray)StubTenant.BodyOf(body)[action];
            lock (batches) batches.Add(items.Select(item => (string)item["subject"]).ToList());
            var answers = items.Select(item =>
            {
                var answer = answerOf((string)item["subject"]);
                answer["subject"] ??= item["subject"];
                answer["type"] ??= item["type"];
                return answer;
            });
            return StubTenant.Json(new JObject { ["data"] = new JArray(answers) }.ToString(), (HttpStatusCode)207);
        });
    }

    public static JObject Status(int status, string code = null, string title = null)
    {
        var answer = new JObject { ["status"] = status };
        if (code != null) answer["code"] = code;
        if (title != null) answer["title"] = title;
        return answer;
    }

    public static CloudSite Site(StubTenant tenant, int batchSize = 100, TimeSpan? writeInterval = null) =>
        (CloudSite)Connect(tenant, batchSize, writeInterval).SiteApi;

    /// <summary>A connection to the tenant, whose licence status answers Ok, for the engine's operations.</summary>
    public static QlikLicense.Model.QlikConnection Connect(StubTenant tenant, int batchSize = 100, TimeSpan? writeInterval = null)
    {
        tenant.OnJson("GET", "/api/v1/licenses/status", """{"status":"Ok","valid":true}""");
        var settings = tenant.Settings();
        settings.BatchSize = batchSize;
        settings.WriteInterval = writeInterval ?? TimeSpan.Zero;
        return CloudSite.ConnectAsync(settings, tenant.Call).GetAwaiter().GetResult();
    }
}
