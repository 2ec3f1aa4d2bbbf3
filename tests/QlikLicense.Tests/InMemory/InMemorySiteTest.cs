using QlikLicense.Maintenance.Journal;
using QlikLicense.Model;

namespace QlikLicense.Tests.InMemory;

/// <summary>What the tests of an engine operation on a site in memory share: the site, its connection, a folder for journals.</summary>
public abstract class InMemorySiteTest : IDisposable
{
    protected static readonly SiteCall Call = new(CancellationToken.None);
    protected readonly TemporaryFolder folder = new();
    protected readonly InMemorySite site = new();
    protected readonly QlikConnection connection;

    protected InMemorySiteTest() => connection = site.Connect();

    protected string Journal => folder.File("journal.jsonl");

    /// <summary>Makes a change recorded in <see cref="Journal"/>, as a command would before it is undone.</summary>
    protected void ChangeJournaled(Func<LicenseJournal, Task> change)
    {
        using var journal = new LicenseJournal(Journal);
        change(journal).GetAwaiter().GetResult();
    }

    public virtual void Dispose() => folder.Dispose();
}
