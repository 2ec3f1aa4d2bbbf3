using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Qrs;
using Xunit;
using QlikLicense.Simulator.Filtering;

namespace QlikLicense.Tests.Qrs;

public sealed class QrsFilterTests
{
    [Theory]
    [InlineData("jdoe", "userId eq 'jdoe'")]
    [InlineData("o'brien", @"userId eq 'o\'brien'")]
    [InlineData(@"a\b", @"userId eq 'a\\b'")]
    [InlineData(@"\'", @"userId eq '\\\''")]
    [InlineData("zoë.müller", "userId eq 'zoë.müller'")]
    public void String_literals_escape_quote_and_backslash_with_a_backslash(string value, string expected) =>
        Assert.Equal(expected, QrsFilter.Equal("userId", value).ToString());

    [Fact]
    public void Filters_join_in_parentheses_and_skip_missing_parts()
    {
        var filter = QrsFilter.And(QrsFilter.Equal("user.userId", "a"), null, QrsFilter.Or(QrsFilter.Equal("inactive", true), QrsFilter.Equal("blacklisted", true)));
        Assert.Equal("(user.userId eq 'a') and ((inactive eq true) or (blacklisted eq true))", filter.ToString());
        Assert.Null(QrsFilter.And(null, null));
        Assert.Null(QrsFilter.AnyOf("userId", Array.Empty<string>()));
    }

    [Fact]
    public void A_user_filter_on_the_users_of_allocations_names_the_related_users_properties_and_refuses_a_raw_filter()
    {
        var inactive = new UserFilter { RemovedFromDirectoryOnly = true, IncludeBlocked = true, UserId = "o'brien" };

        Assert.Equal("(userId eq 'o\\'brien') and ((removedExternally eq true) or (blacklisted eq true))", QrsUserReader.Filter(inactive)!.ToString());
        Assert.Equal("(user.userId eq 'o\\'brien') and ((user.removedExternally eq true) or (user.blacklisted eq true))", QrsUserReader.Filter(inactive, "user")!.ToString());
        Assert.Throws<ArgumentException>(() => QrsUserReader.Filter(new UserFilter { SiteFilter = "name eq 'x'" }, "user"));
    }

    [Fact]
    public void Dates_are_utc_iso_8601_in_invariant_culture_whatever_the_current_culture()
    {
        var previous = Thread.CurrentThread.CurrentCulture;
        Thread.CurrentThread.CurrentCulture = new System.Globalization.CultureInfo("ar-SA");
        try
        {
            var filter = QrsFilter.Before("lastUsed", new DateTime(2026, 10, 1, 8, 30, 0, DateTimeKind.Utc));
            Assert.Equal("lastUsed lt '2026-10-01T08:30:00.000Z'", filter.ToString());
        }
        finally
        {
            Thread.CurrentThread.CurrentCulture = previous;
        }
    }

    [Fact]
    public void The_query_value_is_the_whole_filter_url_encoded()
    {
        var value = QrsFilter.Equal("name", "Q1 & Q2 #1 ?/%").ToQueryValue();
        Assert.Equal("name%20eq%20%27Q1%20%26%20Q2%20%231%20%3F%2F%25%27", value);
    }

    [Theory]
    [InlineData("user id")]
    [InlineData("userId eq 'x' or 1")]
    [InlineData("")]
    [InlineData("a..b")]
    public void Property_paths_that_are_not_paths_are_refused(string property) =>
        Assert.Throws<ArgumentException>(() => QrsFilter.Equal(property, "x"));

    [Property(MaxTest = 500)]
    public Property Any_string_literal_round_trips_through_the_simulators_parser(NonNull<string> text)
    {
        var value = text.Get;
        var node = QrsFilterParser.Parse(QrsFilter.Equal("name", value).ToString());
        var matches = QrsFilterEvaluator.Matches(node, new JObject { ["name"] = value });
        var other = QrsFilterEvaluator.Matches(node, new JObject { ["name"] = value + "x" });
        return (matches && !other).Label($"literal {QrsFilter.Literal(value)}");
    }

    [Fact]
    public void Every_kind_of_comparison_is_written_as_QRS_reads_it()
    {
        var id = Guid.Parse("6b2e0f4c-1c7a-4c2b-9d1e-3f0a5b6c7d8e");
        Assert.Equal(@"userDirectoryName sw 'CO\\\'RP'", QrsFilter.StartsWith("userDirectoryName", @"CO\'RP").ToString());
        Assert.Equal("inactive eq false", QrsFilter.Equal("inactive", false).ToString());
        Assert.Equal("user.id eq 6b2e0f4c-1c7a-4c2b-9d1e-3f0a5b6c7d8e", QrsFilter.Equal("user.id", id).ToString());
        Assert.Equal("id eq " + id, QrsFilter.AnyOf("id", new[] { id, id }).ToString());
        Assert.Equal("(id eq " + id + ") or (id eq 00000000-0000-0000-0000-000000000000)", QrsFilter.AnyOf("id", new[] { id, Guid.Empty, id }).ToString());
        Assert.Equal("(userId eq 'a') or (userId eq 'b')", QrsFilter.AnyOf("userId", new[] { "a", "b" }).ToString());
        Assert.Equal("@custom.value_2 eq 'x'", QrsFilter.Equal("@custom.value_2", "x").ToString());
        Assert.Throws<ArgumentNullException>(() => QrsFilter.Literal(null));
        Assert.Throws<ArgumentException>(() => QrsFilter.Equal(null, "x"));
    }

    [Theory]
    [InlineData(null, null)]
    [InlineData("", null)]
    [InlineData("  \t", null)]
    [InlineData(" name eq 'x' ", "name eq 'x'")]
    public void A_filter_written_by_the_caller_is_taken_trimmed_and_none_when_blank(string text, string expected) =>
        Assert.Equal(expected, QrsFilter.Raw(text)?.ToString());

    [Fact]
    public void Filters_joined_with_one_part_stay_that_part_and_or_groups_each_part()
    {
        var part = QrsFilter.Equal("a", "1");
        Assert.Same(part, QrsFilter.Or(null, part, null));
        Assert.Equal("(a eq '1') or (b eq '2')", QrsFilter.Or(part, QrsFilter.Equal("b", "2")).ToString());
        Assert.Equal("(a eq '1') and (x) and (b eq '2')", QrsFilter.And(part, QrsFilter.Raw(" x "), QrsFilter.Equal("b", "2")).ToString());
    }
}
