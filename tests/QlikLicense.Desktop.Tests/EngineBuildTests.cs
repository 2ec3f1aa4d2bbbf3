using System.Reflection;
using System.Runtime.Versioning;
using QlikLicense.Logs;
using Xunit;

namespace QlikLicense.Tests;

/// <summary>The log tests here run on the engine Windows PowerShell 5.1 loads, not on the one PowerShell 7 loads.</summary>
public sealed class EngineBuildTests
{
    [Fact]
    public void The_engine_under_test_is_the_netstandard2_0_build()
    {
        var target = typeof(LicenseDenialScanner).Assembly.GetCustomAttribute<TargetFrameworkAttribute>();

        Assert.Equal(".NETStandard,Version=v2.0", target?.FrameworkName);
    }
}
