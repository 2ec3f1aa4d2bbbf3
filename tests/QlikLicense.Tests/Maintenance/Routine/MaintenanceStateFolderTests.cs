using QlikLicense.Maintenance.Journal;
using QlikLicense.Maintenance.Routine;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Routine;

/// <summary>The routine's state under a data folder of its own (QLIKLICENSE_DATA): it changes the process's environment, so it runs alone.</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class MaintenanceStateFolderTests
{
    [Fact]
    public void The_first_run_remembered_under_a_new_data_folder_makes_the_state_s_folder()
    {
        using var folder = new TemporaryFolder();
        var before = Environment.GetEnvironmentVariable(LicenseJournal.DataFolderVariable);
        try
        {
            Environment.SetEnvironmentVariable(LicenseJournal.DataFolderVariable, folder.File("new-data"));
            var run = new DateTime(2026, 12, 1, 6, 30, 0, DateTimeKind.Utc);

            MaintenanceState.Save("first.example:4242", run);

            Assert.Equal(Path.Combine(folder.File("new-data"), "State"), MaintenanceState.Folder);
            Assert.True(File.Exists(MaintenanceState.PathFor("first.example:4242")));
            Assert.Equal(run, MaintenanceState.LastRun("first.example:4242"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(LicenseJournal.DataFolderVariable, before);
        }
    }
}
