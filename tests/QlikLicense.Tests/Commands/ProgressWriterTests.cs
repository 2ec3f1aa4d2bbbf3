using System.Management.Automation;
using QlikLicense.Commands;
using Xunit;

namespace QlikLicense.Tests.Commands;

/// <summary>Windows PowerShell 5.1 draws every progress update: long activities show a few a second, short ones every step.</summary>
public sealed class ProgressWriterTests
{
    private readonly List<ProgressRecord> written = new();
    private TimeSpan now;

    private ProgressWriter Writer() => new(written.Add, () => now);

    [Fact]
    public void A_long_activity_shows_at_most_one_update_per_interval_and_always_its_completion()
    {
        var writer = Writer();
        const int total = 10_000;

        for (var done = 0; done < total; done++)
        {
            writer.Step(1, "Releasing", $"{done + 1} of {total}", done, total);
            now += TimeSpan.FromMilliseconds(1);
        }
        writer.Completed(1, "Releasing");

        var updates = written.Where(record => record.RecordType == ProgressRecordType.Processing).ToList();
        Assert.Equal("1 of 10000", updates[0].StatusDescription);
        Assert.InRange(updates.Count, 10_000 / 250, 10_000 / 250 + 1);
        Assert.Equal(ProgressRecordType.Completed, written.Last().RecordType);
    }

    [Fact]
    public void A_short_activity_shows_every_step_with_its_percentage()
    {
        var writer = Writer();

        for (var done = 0; done < 8; done++) writer.Step(1, "Reading", $"File {done + 1} of 8", done, 8, $"file{done}.log");

        Assert.Equal(8, written.Count);
        Assert.Equal(new[] { 0, 12, 25, 37, 50, 62, 75, 87 }, written.Select(record => record.PercentComplete));
        Assert.Equal("file7.log", written.Last().CurrentOperation);
    }

    [Fact]
    public void Activities_are_throttled_apart()
    {
        var writer = Writer();

        writer.Step(1, "Outer", "step", 0, 1_000);
        writer.Step(2, "Inner", "step", 0, 1_000);
        writer.Step(1, "Outer", "step", 1, 1_000);

        Assert.Equal(new[] { 1, 2 }, written.Select(record => record.ActivityId));
    }
}
