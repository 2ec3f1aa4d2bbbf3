using System.Diagnostics;
using QlikLicense.Hosting;
using QlikLicense.Simulator;

/// <summary>
/// The sandbox's -Pwsh switch: real pwsh (the repository's local .NET tool, "dotnet pwsh") with the built module imported
/// and connected to the simulated site, for typing the cmdlets by hand; the site stops when pwsh exits.
/// </summary>
internal static class PwshShell
{
    public static async Task<int> RunAsync(SimulatedSite site)
    {
        var startupScript = Path.Combine(site.CertificateDirectory, "sandbox-startup.ps1");
        // The simulated site's throw-away certificate password stays in its own temporary folder.
        await File.WriteAllTextAsync(startupScript, $"""
            Import-Module '{Quote(RepositoryPaths.ModuleManifest)}'
            $QlikExampleFolder = '{Quote(Path.Combine(RepositoryPaths.Root, "docs", "examples"))}'
            $sandboxPassword = (New-Object Net.NetworkCredential '', '{Quote(site.ClientCertificatePassword)}').SecurePassword
            Connect-QlikSense -Server {site.HostName} -Port {site.QrsPort} -CertificatePath '{Quote(site.ClientCertificatePath)}' -CertificatePassword $sandboxPassword -CaCertificatePath '{Quote(site.CaCertificatePath)}'
            Remove-Variable sandboxPassword
            Write-Host "QlikLicense is imported and connected to a simulated site ({site.Store.Count("user")} users). Try: Get-QlikInactiveLicensedUser | Remove-QlikLicenseAllocation -WhatIf"
            Write-Host "Sample logs for Get-QlikLicenseDenial -Path: `$QlikExampleFolder/logs. Type exit to leave (the simulated site stops)."
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
