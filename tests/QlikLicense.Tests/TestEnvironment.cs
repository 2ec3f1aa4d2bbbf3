using System.Runtime.CompilerServices;

namespace QlikLicense.Tests;

/// <summary>Keeps the engine's per-user files (default journals, the maintenance state) out of the real profile.</summary>
internal static class TestEnvironment
{
    public static string DataHome { get; } = Path.Combine(Path.GetTempPath(), "qliklicense-unit-tests-data-" + Environment.ProcessId);

    [ModuleInitializer]
    internal static void IsolateUserData()
    {
        Directory.CreateDirectory(DataHome);
        // .NET reads LocalApplicationData from XDG_DATA_HOME on Linux.
        Environment.SetEnvironmentVariable("XDG_DATA_HOME", DataHome);
    }
}
