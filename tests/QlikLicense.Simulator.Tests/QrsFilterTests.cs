using Newtonsoft.Json.Linq;
using QlikLicense.Simulator.Filtering;
using Xunit;

namespace QlikLicense.Simulator.Tests;

public class QrsFilterTests
{
    private static readonly JObject Allocation = JObject.Parse("""
        {"id":"6b2e0e0a-1111-4222-8333-444455556666","lastUsed":"2026-09-30T08:12:44.120Z","quarantined":false,"excess":false,
         "user":{"id":"7c1e2a10-0000-4000-8000-000000000003","userId":"o'brien","userDirectory":"CORP","name":"Conor O'Brien"},
         "attributes":[{"attributeType":"Group","attributeValue":"Sales"},{"attributeType":"Group","attributeValue":"IT"}],
         "path":"C:\\Share","status":7,"count":12}
        """, new JsonLoadSettings());

    private static bool Matches(string filter, JObject entity = null)
    {
        using var reader = new Newtonsoft.Json.JsonTextReader(new StringReader((entity ?? Allocation).ToString())) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
        return QrsFilterEvaluator.Matches(QrsFilterParser.Parse(filter), JObject.Load(reader));
    }

    [Theory]
    [InlineData(@"user.userId eq 'o\'brien'", true)]
    [InlineData(@"user.userId eq 'O\'BRIEN'", true)]
    [InlineData(@"path eq 'C:\\Share'", true)]
    [InlineData(@"user.name sw 'conor'", true)]
    [InlineData(@"user.name ew 'brien'", true)]
    [InlineData(@"user.name so 'R O\''", true)]
    [InlineData(@"user.userDirectory ne 'CORP'", false)]
    [InlineData("quarantined eq false", true)]
    [InlineData("quarantined eq true", false)]
    [InlineData("id eq 6B2E0E0A-1111-4222-8333-444455556666", true)]
    [InlineData("count gt 11 and count le 12", true)]
    [InlineData("status eq FinishedSuccess", true)]
    [InlineData("status eq 8", false)]
    public void Comparisons_escapes_and_case(string filter, bool expected) => Assert.Equal(expected, Matches(filter));

    [Theory]
    [InlineData("lastUsed le '2026-10-01T00:00:00.000Z'", true)]
    [InlineData("lastUsed gt '2026-09-30T08:12:44.119Z'", true)]
    [InlineData("lastUsed gt '2026-09-30T10:12:44.120+02:00'", false)]
    [InlineData("lastUsed eq '2026-09-30T10:12:44.120+02:00'", true)]
    [InlineData("lastUsed lt '2026-09-30'", false)]
    public void Dates_compare_as_utc_times(string filter, bool expected) => Assert.Equal(expected, Matches(filter));

    [Theory]
    [InlineData("attributes.attributeValue eq 'sales'", true)]
    [InlineData("attributes.attributeValue eq 'IT'", true)]
    [InlineData("attributes.attributeValue eq 'HR'", false)]
    [InlineData("attributes.attributeType eq 'Group' and attributes.attributeValue so 'al'", true)]
    public void Arrays_match_when_any_element_matches(string filter, bool expected) => Assert.Equal(expected, Matches(filter));

    [Theory]
    // and binds tighter than or: true or (false and false) = true; (true or false) and false = false.
    [InlineData("quarantined eq false or user.userId eq 'x' and count eq 1", true)]
    [InlineData("(quarantined eq false or user.userId eq 'x') and count eq 1", false)]
    [InlineData("count eq 1 and quarantined eq true or user.userDirectory eq 'corp'", true)]
    [InlineData("((count eq 12))", true)]
    public void And_binds_tighter_than_or(string filter, bool expected) => Assert.Equal(expected, Matches(filter));

    [Fact]
    public void Precedence_is_visible_in_the_tree()
    {
        var node = QrsFilterParser.Parse("a eq 1 or b eq 2 and c eq 3");
        var or = Assert.IsType<QrsFilterOr>(node);
        Assert.IsType<QrsFilterComparison>(or.Left);
        Assert.IsType<QrsFilterAnd>(or.Right);
    }

    [Fact]
    public void Null_values_compare_with_null()
    {
        var orphan = JObject.Parse("""{"user":null,"deletedUserId":"gone"}""");
        Assert.True(Matches("user eq null", orphan));
        Assert.False(Matches("user ne null", orphan));
        Assert.False(Matches("user.userId eq 'gone'", orphan));
        Assert.True(Matches("user.userId ne 'gone'", orphan));
        Assert.True(Matches("user ne null"));
    }

    [Theory]
    [InlineData("name eq 'Q1''25'")]
    [InlineData("name eq \"Q1\"")]
    [InlineData("()")]
    [InlineData("name eq 'x' and ()")]
    [InlineData("name contains 'x'")]
    [InlineData("name eq 'unterminated")]
    [InlineData(@"name eq 'a\b'")]
    [InlineData("name eq")]
    [InlineData("name eq 'x' and")]
    [InlineData("(name eq 'x'")]
    [InlineData("name eq 'x')")]
    [InlineData("'x' eq name")]
    [InlineData("")]
    public void Rejected_like_qrs_rejects_them(string filter)
    {
        var exception = Assert.Throws<QrsFilterException>(() => QrsFilterParser.Parse(filter));
        Assert.StartsWith("Cannot parse the expression", exception.Message);
    }

    [Fact]
    public void Unknown_properties_are_rejected_against_the_shape()
    {
        var shape = JObject.Parse("""{"name":"","user":{"userId":""},"attributes":[{"attributeValue":""}]}""");
        QrsFilterEvaluator.CheckProperties(QrsFilterParser.Parse("USER.USERID eq 'x' and attributes.attributeValue eq 'y'"), shape);
        Assert.Throws<QrsFilterException>(() => QrsFilterEvaluator.CheckProperties(QrsFilterParser.Parse("nickname eq 'x'"), shape));
        Assert.Throws<QrsFilterException>(() => QrsFilterEvaluator.CheckProperties(QrsFilterParser.Parse("user.nickname eq 'x'"), shape));
    }
}
