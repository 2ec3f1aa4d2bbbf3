using QlikLicense.Commands;
using Xunit;

namespace QlikLicense.Tests.Commands;

public class NonInteractiveSessionTests
{
    [Theory]
    [InlineData(true, "pwsh", "-NonInteractive", "-File", "runbook.ps1")]
    [InlineData(true, "powershell.exe", "-noni", "-ExecutionPolicy", "Bypass", "-File", "runbook.ps1")]
    [InlineData(true, "pwsh", "/NonInt", "-c", "Invoke-QlikLicenseMaintenance")]
    [InlineData(false, "pwsh")]
    [InlineData(false, "pwsh", "-NoProfile", "-File", "runbook.ps1", "-NonInteractive")]
    [InlineData(false, "pwsh", "-non")]
    [InlineData(false, "pwsh", "-NoLogo", "-Command", "Get-QlikUser -noni")]
    public void Reads_NonInteractive_from_PowerShells_own_arguments_only(bool expected, params string[] arguments) =>
        Assert.Equal(expected, NonInteractiveSession.Detect(arguments, userInteractive: true));

    [Fact]
    public void An_account_without_a_desktop_is_not_interactive() =>
        Assert.True(NonInteractiveSession.Detect(new[] { "powershell.exe", "-File", "runbook.ps1" }, userInteractive: false));
}
