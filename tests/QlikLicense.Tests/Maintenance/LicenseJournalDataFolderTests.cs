using QlikLicense.Maintenance.Journal;
using Xunit;

namespace QlikLicense.Tests.Maintenance;

/// <summary>The tests of this collection change the process's environment: they run alone, after every other test.</summary>
[CollectionDefinition(nameof(ProcessEnvironment), DisableParallelization = true)]
public sealed class ProcessEnvironment
{
}

/// <summary>Where journals go when QLIKLICENSE_DATA does not say (<see cref="LicenseJournal.DefaultFolder"/>).</summary>
[Collection(nameof(ProcessEnvironment))]
public sealed class LicenseJournalDataFolderTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("  ")]
    public void Without_a_data_folder_named_journals_go_to_the_account_s_local_application_data(string value)
    {
        var before = Environment.GetEnvironmentVariable(LicenseJournal.DataFolderVariable);
        try
        {
            Environment.SetEnvironmentVariable(LicenseJournal.DataFolderVariable, value);

            // The tests' local application data is their own folder (TestEnvironment, through XDG_DATA_HOME).
            Assert.Equal(Path.Combine(TestEnvironment.DataHome, "QlikLicense", "Journal"), LicenseJournal.DefaultFolder);
        }
        finally
        {
            Environment.SetEnvironmentVariable(LicenseJournal.DataFolderVariable, before);
        }
    }

    [Fact]
    public void A_data_folder_named_holds_the_journals_in_a_folder_of_their_own()
    {
        var before = Environment.GetEnvironmentVariable(LicenseJournal.DataFolderVariable);
        try
        {
            Environment.SetEnvironmentVariable(LicenseJournal.DataFolderVariable, Path.Combine(Path.GetTempPath(), "qliklicense-data"));

            Assert.Equal(Path.Combine(Path.GetTempPath(), "qliklicense-data", "Journal"), LicenseJournal.DefaultFolder);
        }
        finally
        {
            Environment.SetEnvironmentVariable(LicenseJournal.DataFolderVariable, before);
        }
    }
}
