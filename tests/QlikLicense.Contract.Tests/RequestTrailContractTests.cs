using QlikLicense.Hosting;
using QlikLicense.Simulator;
using Xunit.Abstractions;

namespace QlikLicense.Contract.Tests;

/// <summary>
/// Every request the module sent to a simulated site or tenant during the test run (the request trail build.ps1 keeps,
/// see <see cref="RequestTrail"/>), held against Qlik's own API descriptions in ../shared. build.ps1 runs these after
/// every other test and the Pester suite; run alone, with no trail, they say they did not run.
/// </summary>
[Trait("Category", Category)]
public sealed class RequestTrailContractTests(ITestOutputHelper output)
{
    public const string Category = "RequestTrail";

    /// <summary>Fewer requests than this in a trail means the recording broke, not that the module is well-behaved.</summary>
    private const int FewestRequestsExpected = 200;

    [SkippableFact]
    public void Every_request_the_module_sent_a_simulated_site_is_as_Qlik_describes_QRS()
    {
        Hold("qrs", Path.Combine("qrs-openapi", "qrs-openapi-excerpt.Nov2022P2.json"), "/qrs", ["xrfkey"],
            // The excerpt holds the licence, user, rule, app and task paths; these two the module reads are outside it.
            new Dictionary<string, string>
            {
                ["GET /qrs/userdirectory"] = "directory names for argument completion",
                ["GET /qrs/servicecluster/full"] = "the archived log folder",
            });
    }

    [SkippableFact]
    public void Every_request_the_module_sent_a_simulated_tenant_is_as_Qlik_describes_its_cloud_API()
    {
        Hold("cloud", Path.Combine("qlik-cloud-openapi", "qlik-cloud-openapi-excerpt.Jan2025.json"), "/api", [], new Dictionary<string, string>());
    }

    private void Hold(string api, string descriptionFile, string requestPrefix, string[] transportParameters, IReadOnlyDictionary<string, string> outsideExcerpt)
    {
        var description = RepositoryPaths.SharedFolder is string shared && File.Exists(Path.Combine(shared, descriptionFile)) ? Path.Combine(shared, descriptionFile) : null;
        Skip.If(description == null, $"Did not run: ../shared/{descriptionFile} (Qlik's API description) is not beside the repository.");
        var folder = Environment.GetEnvironmentVariable(RequestTrail.FolderVariable);
        if (string.IsNullOrEmpty(folder) && Environment.GetEnvironmentVariable("CI") is { Length: > 0 })
            Assert.Fail($"{RequestTrail.FolderVariable} is not set in CI: build.ps1 -Task Test keeps the request trail these tests read.");
        Skip.If(string.IsNullOrEmpty(folder),
            $"Did not run: no request trail ({RequestTrail.FolderVariable} unset). build.ps1 -Task Test keeps one for the whole run and runs these last.");

        var checker = new ContractChecker(ApiDescription.Load(description!, requestPrefix), transportParameters);
        var checkedCount = 0;
        var skipped = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        var broken = new Dictionary<(ContractRule, string, string), (ContractViolation Example, int Count)>();
        foreach (var entry in RequestTrail.Read(RequestTrail.Files(folder!, api)).Where(SentByTheModule))
        {
            var request = ApiRequest.Parse(entry.Method, entry.Path, entry.RawQuery, entry.Body);
            var operation = entry.Method + " " + NormalizedPath(entry.Path, requestPrefix);
            if (outsideExcerpt.ContainsKey(operation))
            {
                skipped[operation] = skipped.GetValueOrDefault(operation) + 1;
                continue;
            }

            checkedCount++;
            foreach (var violation in checker.Check(request))
            {
                var key = (violation.Rule, violation.Where, operation);
                broken[key] = broken.TryGetValue(key, out var known) ? (known.Example, known.Count + 1) : (violation, 1);
            }
        }

        output.WriteLine($"{checkedCount} requests of the module held against {descriptionFile}.");
        foreach (var (operation, count) in skipped)
            output.WriteLine($"Not held, outside the excerpt: {operation} ({count}x, {outsideExcerpt[operation]}).");
        Assert.True(broken.Count == 0, $"{broken.Count} rule(s) broken:" + Environment.NewLine +
                                       string.Join(Environment.NewLine, broken.Values.Select(item => $"{item.Example} ({item.Count}x)")));
        Assert.True(checkedCount >= FewestRequestsExpected,
            $"The trail in {folder} holds {checkedCount} requests of the module to the simulated {api}: fewer than {FewestRequestsExpected}, so the recording is broken.");
    }

    /// <summary>The module's requests: the simulator tests' own, some wrong on purpose, carry no such User-Agent.</summary>
    private static bool SentByTheModule(RequestLogEntry entry) => entry.UserAgent?.Contains("QlikLicense/", StringComparison.Ordinal) == true;

    /// <summary>The path without a virtual proxy prefix, ids or query ("/qrs/user/{id}"), to group the same operation's requests.</summary>
    private static string NormalizedPath(string path, string requestPrefix)
    {
        var at = requestPrefix.Length == 0 ? -1 : path.IndexOf(requestPrefix + "/", StringComparison.OrdinalIgnoreCase);
        if (at > 0) path = path[at..];
        return string.Join("/", path.Split('/').Select(segment => Guid.TryParse(segment, out _) ? "{id}" : segment.ToLowerInvariant()));
    }
}
