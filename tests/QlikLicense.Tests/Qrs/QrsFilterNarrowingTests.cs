using QlikLicense.Model;
using QlikLicense.Qrs;
using Xunit;

namespace QlikLicense.Tests.Qrs;

/// <summary>The part of a wildcard pattern QRS evaluates: each narrowing as its own operator, escaped like any literal.</summary>
public sealed class QrsFilterNarrowingTests
{
    [Theory]
    [InlineData(TextNarrowing.Equal, "o'brien", @"tags.name eq 'o\'brien'")]
    [InlineData(TextNarrowing.StartsWith, "Sales", "tags.name sw 'Sales'")]
    [InlineData(TextNarrowing.EndsWith, @"a\b", @"tags.name ew 'a\\b'")]
    [InlineData(TextNarrowing.Contains, "EU", "tags.name so 'EU'")]
    [InlineData(TextNarrowing.Any, "", "tags.name ne ''")]
    public void Each_narrowing_of_a_pattern_is_its_QRS_comparison(TextNarrowing narrowing, string text, string expected)
    {
        var pattern = new TextPattern("pattern", narrowing, text, value => true);

        Assert.Equal(expected, QrsFilter.Narrowing("tags.name", pattern).ToString());
    }

    [Fact]
    public void Each_comparison_names_its_operator()
    {
        Assert.Equal("name ew 'x'", QrsFilter.EndsWith("name", "x").ToString());
        Assert.Equal("name so 'x'", QrsFilter.Contains("name", "x").ToString());
        Assert.Equal("name ne 'x'", QrsFilter.NotEqual("name", "x").ToString());
        Assert.Equal("lastUsed ge '2026-10-01T08:30:00.000Z'", QrsFilter.AtOrAfter("lastUsed", new DateTime(2026, 10, 1, 8, 30, 0, DateTimeKind.Utc)).ToString());
    }
}
