using System.Diagnostics;
using QlikLicense.Hosting;
using QlikLicense.Simulator;
using QlikLicense.Simulator.Cloud;

/// <summary>
/// The sandbox's -Pwsh switch: real pwsh (the repository's local .NET tool, "dotnet pwsh") with the built module imported
/// and connected to the simulated site (or, with -Tenant, the simulated Qlik Cloud tenant), for typing the cmdlets by hand;
/// the simulator stops when pwsh exits.
/// </summary>
internal static class PwshShell
{
    public static Task<int> RunAsync(SimulatedSite site) =>
        RunAsync(site.CertificateDirectory, $"""
            $sandboxPassword = (New-Object Net.NetworkCredential '', '{Quote(site.ClientCertificatePassword)}').SecurePassword
            Connect-QlikSense -Server {site.HostName} -Port {site.QrsPort} -CertificatePath '{Quote(site.ClientCertificatePath)}' -CertificatePassword $sandboxPassword -CaCertificatePath '{Quote(site.CaCertificatePath)}'
            Remove-Variable sandboxPassword
            Write-Host "QlikLicense is imported and connected to a simulated site ({site.Store.Count("user")} users). Try: Get-QlikInactiveLicensedUser | Remove-QlikLicenseAllocation -WhatIf"
            Write-Host "Sample logs for Get-QlikLicenseDenial -Path: `$QlikExampleFolder/logs. Type exit to leave (the simulated site stops)."
            """);

    public static Task<int> RunAsync(SimulatedTenant tenant) =>
        RunAsync(tenant.CertificateDirectory, $"""
            $sandboxKey = (New-Object Net.NetworkCredential '', '{Quote(tenant.Credentials.ApiKey)}').SecurePassword
            Connect-QlikCloud -Tenant {tenant.BaseAddress.AbsoluteUri.TrimEnd('/')} -ApiKey $sandboxKey -CaCertificatePath '{Quote(tenant.CaCertificatePath)}'
            Remove-Variable sandboxKey
            Write-Host "QlikLicense is imported and connected to a simulated Qlik Cloud tenant ({tenant.Store.Users().Count} users). Try: Get-QlikInactiveLicensedUser | Remove-QlikLicenseAllocation -WhatIf"
            Write-Host "Type exit to leave (the simulated tenant stops)."
            """);

    /// <summary>Runs pwsh with the module imported and <paramref name="connect"/> run, from a startup script written to
    /// <paramref name="folder"/> (the simulator's own temporary folder, which keeps its throw-away secrets).</summary>
    private static async Task<int> RunAsync(string folder, string connect)
    {
        var startupScript = Path.Combine(folder, "sandbox-startup.ps1");
        await File.WriteAllTextAsync(startupScript, $"""
            Import-Module '{Quote(RepositoryPaths.ModuleManifest)}'
            $QlikExampleFolder = '{Quote(Path.Combine(RepositoryPaths.Root, "docs", "examples"))}'
            {connect}
            """);
        var start = new ProcessStartInfo("dotnet") { WorkingDirectory = RepositoryPaths.Root, UseShellExecute = false };
        foreach (var argument in new[] { "pwsh", "-NoProfile", "-NoLogo", "-NoExit", "-File", startupScript }) start.ArgumentList.Add(argument);
        using var pwsh = Process.Start(start) ?? throw new InvalidOperationException("dotnet pwsh did not start.");
        await pwsh.WaitForExitAsync();
        if (pwsh.ExitCode != 0 && !File.Exists(Path.Combine(RepositoryPaths.Root, ".config", "dotnet-tools.json")))
            Console.Error.WriteLine("pwsh is the repository's local .NET tool: run 'dotnet tool restore' first.");
        return pwsh.ExitCode;
    }

    private static string Quote(string text) => text.Replace("'", "''");
}
