using QlikLicense.Qrs;
using Xunit;

namespace QlikLicense.Tests.Qrs;

public sealed class XrfkeyAndDatesTests
{
    [Fact]
    public void Xrfkeys_are_sixteen_alphanumeric_characters_and_differ_each_time()
    {
        var keys = Enumerable.Range(0, 200).Select(_ => Xrfkey.New()).ToList();
        Assert.All(keys, key => Assert.Matches("^[0-9a-zA-Z]{16}$", key));
        Assert.Equal(keys.Count, keys.Distinct().Count());
        // Every character class shows up across a few thousand characters: the alphabet is used whole.
        var characters = string.Concat(keys);
        Assert.Contains(characters, char.IsDigit);
        Assert.Contains(characters, char.IsLower);
        Assert.Contains(characters, char.IsUpper);
    }

    [Theory]
    [InlineData("1753-01-01T00:00:00.000Z")]
    [InlineData("1753-01-01T00:00:00Z")]
    [InlineData("0001-01-01T00:00:00")]
    [InlineData("")]
    [InlineData(null)]
    public void Minimum_dates_mean_never(string value) => Assert.Null(QlikDates.ParseQrsDate(value));

    [Fact]
    public void Qrs_dates_are_read_as_utc()
    {
        var parsed = QlikDates.ParseQrsDate("2026-09-30T08:12:44.120Z");
        Assert.Equal(new DateTime(2026, 9, 30, 8, 12, 44, 120, DateTimeKind.Utc), parsed);
        Assert.Equal(DateTimeKind.Utc, parsed!.Value.Kind);
    }

    [Fact]
    public void A_callers_unspecified_date_is_local_time()
    {
        var unspecified = new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Unspecified);
        Assert.Equal(DateTime.SpecifyKind(unspecified, DateTimeKind.Local).ToUniversalTime(), QlikDates.ToUtc(unspecified));
        var utc = new DateTime(2026, 7, 1, 12, 0, 0, DateTimeKind.Utc);
        Assert.Equal(utc, QlikDates.ToUtc(utc));
        Assert.Equal("2026-07-01T12:00:00.000Z", QlikDates.ToQrsLiteral(utc));
    }
}
