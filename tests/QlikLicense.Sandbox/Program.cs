using QlikLicense.Hosting;
using System.Net;
using QlikLicense.Simulator;
using QlikLicense.Simulator.Cloud;

// dotnet run --project tests/QlikLicense.Sandbox -- [-Command '<pipeline>' | -File <script.ps1> | -Pwsh] [-Tenant] [-Users <n>] [-LicenseModel UserBased|Token|Capacity|Mixed]
string command = null, file = null;
var users = 0;
var pwsh = false;
var tenant = false;
var model = LicenseModelKind.UserBased;
for (var i = 0; i < args.Length; i++)
{
    var name = args[i].TrimStart('-').ToLowerInvariant();
    var value = i + 1 < args.Length ? args[i + 1] : null;
    switch (name)
    {
        case "command" or "c" when value != null: command = value; i++; break;
        case "file" or "f" when value != null: file = value; i++; break;
        case "users" when int.TryParse(value, out users): i++; break;
        case "pwsh": pwsh = true; break;
        case "tenant": tenant = true; break;
        case "licensemodel" when Enum.TryParse(value, ignoreCase: true, out model) && Enum.IsDefined(model): i++; break;
        default:
            Console.Error.WriteLine("usage: QlikLicense.Sandbox [-Command '<pipeline>' | -File <script.ps1> | -Pwsh] [-Tenant] [-Users <n>] [-LicenseModel UserBased|Token|Capacity|Mixed]");
            return 2;
    }
}

if (pwsh && tenant)
{
    await using var shellTenant = await SimulatedTenant.StartAsync(new TenantOptions { GeneratedUsers = users });
    return await PwshShell.RunAsync(shellTenant);
}

if (pwsh)
{
    await using var shellSite = await SimulatedSite.StartAsync(new SiteOptions { GeneratedUsers = users, LicenseModel = model });
    return await PwshShell.RunAsync(shellSite);
}

if (tenant) return await RunOnTenantAsync(command, file, users);

file ??= command == null ? Path.Combine(RepositoryPaths.Root, "docs", "examples", "monthly-runbook.ps1") : null;
if (file != null && !File.Exists(file))
{
    Console.Error.WriteLine($"The script '{file}' does not exist.");
    return 2;
}

await using var site = await SimulatedSite.StartAsync(new SiteOptions { GeneratedUsers = users, LicenseModel = model });
using var session = new ModuleSession(new RecordingHost(echoToConsole: true, width: Console.IsOutputRedirected ? 160 : Math.Max(80, Console.WindowWidth), colors: !Console.IsOutputRedirected));
Console.WriteLine($"# Simulated Qlik Sense site on https://{site.HostName}:{site.QrsPort} ({site.Store.Count("user")} users, licence model {model}); module {RepositoryPaths.ModuleManifest}");
session.ConnectTo(site);
// Scripts find the example logs and the site through these variables.
session.SetVariable("QlikExampleFolder", Path.Combine(RepositoryPaths.Root, "docs", "examples"));
var script = command ?? $". '{file.Replace("'", "''")}'";
Console.WriteLine($"PS> {(command ?? file)}");
var result = session.InvokeAsUser(script);
return result.Terminating == null ? 0 : 1;

// -Tenant: the same on a simulated Qlik Cloud tenant, connected with its API key; without a script, the monthly routine.
static async Task<int> RunOnTenantAsync(string command, string file, int users)
{
    await using var simulated = await SimulatedTenant.StartAsync(new TenantOptions { GeneratedUsers = users });
    using var session = new ModuleSession(new RecordingHost(echoToConsole: true, width: Console.IsOutputRedirected ? 160 : Math.Max(80, Console.WindowWidth), colors: !Console.IsOutputRedirected));
    Console.WriteLine($"# Simulated Qlik Cloud tenant on {simulated.BaseAddress} ({simulated.Store.Users().Count} users); module {RepositoryPaths.ModuleManifest}");
    var connected = session.ConnectTo(simulated);
    if (connected.Terminating != null)
    {
        Console.Error.WriteLine("Connect-QlikCloud failed: " + connected.Terminating.Message);
        return 1;
    }
    var script = command ?? (file != null ? $". '{file.Replace("'", "''")}'"
        : "Test-QlikLicenseMonitor; Get-QlikLicenseSummary; Get-QlikInactiveLicensedUser; Get-QlikLicenseDenial; Invoke-QlikLicenseMaintenance -PassThru");
    Console.WriteLine($"PS> {script}");
    simulated.Requests.Clear();
    var failed = session.InvokeAsUser(script).Terminating != null;
    // What the script cost the tenant: requests per operation, 429s included.
    foreach (var operation in simulated.Requests.Snapshot().GroupBy(entry => entry.Method + " " + entry.Path).OrderByDescending(group => group.Count()))
        Console.WriteLine($"# {operation.Count(),7:N0} {operation.Key}{(operation.Any(entry => entry.Status == 429) ? $" ({operation.Count(entry => entry.Status == 429):N0} answered 429)" : string.Empty)}");
    return failed ? 1 : 0;
}

