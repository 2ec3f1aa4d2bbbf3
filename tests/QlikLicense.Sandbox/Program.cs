using QlikLicense.Hosting;
using QlikLicense.Simulator;
using QlikLicense.Simulator.Cloud;

// dotnet run --project tests/QlikLicense.Sandbox -- [-Command '<pipeline>' | -File <script.ps1> | -Pwsh] [-Users <n>] [-Tenant]
string command = null, file = null;
var users = 0;
var pwsh = false;
var onTenant = false;
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
        case "tenant": onTenant = true; break;
        default:
            Console.Error.WriteLine("usage: QlikLicense.Sandbox [-Command '<pipeline>' | -File <script.ps1> | -Pwsh] [-Users <n>] [-Tenant]");
            return 2;
    }
}

if (pwsh && onTenant)
{
    await using var shellTenant = await SimulatedTenant.StartAsync(new TenantOptions { GeneratedUsers = users });
    return await PwshShell.RunAsync(shellTenant);
}

if (pwsh)
{
    await using var shellSite = await SimulatedSite.StartAsync(new SiteOptions { GeneratedUsers = users });
    return await PwshShell.RunAsync(shellSite);
}

// On a tenant, the routine's steps that exist there (no log files, no license rules).
const string TenantRoutine =
    "Get-QlikConnection | Out-Default; Test-QlikLicenseMonitor | Out-Default; Get-QlikLicenseSummary | Out-Default; " +
    "Get-QlikInactiveLicensedUser | Out-Default; Get-QlikInactiveLicensedUser | Remove-QlikLicenseAllocation -WhatIf";
if (onTenant && command == null && file == null) command = TenantRoutine;
file ??= command == null ? Path.Combine(RepositoryPaths.Root, "docs", "examples", "monthly-runbook.ps1") : null;
if (file != null && !File.Exists(file))
{
    Console.Error.WriteLine($"The script '{file}' does not exist.");
    return 2;
}

await using var site = onTenant ? null : await SimulatedSite.StartAsync(new SiteOptions { GeneratedUsers = users });
await using var tenant = onTenant ? await SimulatedTenant.StartAsync(new TenantOptions { GeneratedUsers = users }) : null;
using var session = new ModuleSession(new RecordingHost(echoToConsole: true, width: Console.IsOutputRedirected ? 160 : Math.Max(80, Console.WindowWidth), colors: !Console.IsOutputRedirected));
if (tenant != null)
{
    Console.WriteLine($"# Simulated Qlik Cloud tenant on {tenant.BaseAddress.AbsoluteUri.TrimEnd('/')} ({tenant.Store.Users().Count} users); module {RepositoryPaths.ModuleManifest}");
    session.ConnectTo(tenant);
}
else
{
    Console.WriteLine($"# Simulated Qlik Sense site on https://{site.HostName}:{site.QrsPort} ({site.Store.Count("user")} users); module {RepositoryPaths.ModuleManifest}");
    session.ConnectTo(site);
}

// Scripts find the example logs and the site through these variables.
session.SetVariable("QlikExampleFolder", Path.Combine(RepositoryPaths.Root, "docs", "examples"));
var script = command ?? $". '{file.Replace("'", "''")}'";
Console.WriteLine($"PS> {(command ?? file)}");
var result = session.InvokeAsUser(script);
return result.Terminating == null ? 0 : 1;
