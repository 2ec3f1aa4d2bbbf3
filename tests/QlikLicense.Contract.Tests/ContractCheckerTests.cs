namespace QlikLicense.Contract.Tests;

/// <summary>
/// The checker on two small descriptions of our own (Fixtures/): a Swagger 2.0 one like QRS's and one in OpenAPI 3's
/// shape under a Swagger 2.0 label like Qlik Cloud's, so it is tested on a clone without ../shared.
/// </summary>
public sealed class ContractCheckerTests
{
    private static readonly ContractChecker Site = new(ApiDescription.Load(Fixture("swagger2-fixture.json"), "/qrs"), "xrfkey");
    private static readonly ContractChecker Tenant = new(ApiDescription.Load(Fixture("openapi3-fixture.json"), "/api"));

    [Fact]
    public void A_described_request_passes()
    {
        Assert.Empty(Site.Check(ApiRequest.Parse("GET", "/qrs/user/full", "?xrfkey=abcdefghijklmnop&filter=name%20eq%20'a'", null)));
        Assert.Empty(Site.Check(ApiRequest.Parse("POST", "/qrs/allocation", "?xrfkey=x&take=50", """{"user":{"id":"1","userId":"kalle"},"tags":["a"]}""")));
        Assert.Empty(Tenant.Check(ApiRequest.Parse("GET", "/api/v1/people", "?limit=100&sort=-name&filter=status%20eq%20%22disabled%22", null)));
    }

    [Fact]
    public void A_path_the_description_lacks_or_a_method_it_does_not_take_is_an_unknown_operation()
    {
        var unknown = Assert.Single(Site.Check(ApiRequest.Parse("GET", "/qrs/userdirectory", "?xrfkey=x", null)));
        Assert.Equal(ContractRule.UnknownOperation, unknown.Rule);
        Assert.Contains("no described path", unknown.Detail);
        var method = Assert.Single(Site.Check(ApiRequest.Parse("PUT", "/qrs/user/full", "?xrfkey=x", null)));
        Assert.Equal(ContractRule.UnknownOperation, method.Rule);
        Assert.Contains("not with this method", method.Detail);
    }

    [Fact]
    public void A_literal_segment_wins_over_a_template_and_a_virtual_proxy_prefix_is_skipped()
    {
        // /user/full is GET-only; were it taken for /user/{id}, the DELETE would pass.
        Assert.Equal(ContractRule.UnknownOperation, Assert.Single(Site.Check(ApiRequest.Parse("DELETE", "/qrs/user/full", "?xrfkey=x", null))).Rule);
        Assert.Empty(Site.Check(ApiRequest.Parse("DELETE", "/hdr/qrs/user/5f0c7f4e-0000-0000-0000-000000000001", "?xrfkey=x", null)));
    }

    [Fact]
    public void An_undeclared_query_parameter_is_named_but_the_transport_parameter_is_not()
    {
        var violation = Assert.Single(Site.Check(ApiRequest.Parse("GET", "/qrs/user/full", "?xrfkey=x&skip=10", null)));
        Assert.Equal(ContractRule.UndeclaredParameter, violation.Rule);
        Assert.Equal("query skip", violation.Where);
        Assert.Contains("GET /qrs/user/full?xrfkey=x&skip=10", violation.ToString());
    }

    [Theory]
    [InlineData("?limit=0", ContractRule.BelowMinimum)]
    [InlineData("?limit=101", ContractRule.AboveMaximum)]
    [InlineData("?limit=many", ContractRule.WrongType)]
    [InlineData("?sort=%2Bemail", ContractRule.NotInEnum)]
    [InlineData("?status=disabled&filter=name%20eq%20%22a%22", ContractRule.DeprecatedWithFilter)]
    public void A_query_value_outside_its_schema_breaks_the_rule_it_breaks(string query, ContractRule rule)
    {
        Assert.Equal(rule, Assert.Single(Tenant.Check(ApiRequest.Parse("GET", "/api/v1/people", query, null))).Rule);
    }

    [Fact]
    public void A_deprecated_parameter_alone_is_allowed()
    {
        Assert.Empty(Tenant.Check(ApiRequest.Parse("GET", "/api/v1/people", "?status=disabled", null)));
    }

    [Fact]
    public void Swagger2_bounds_and_boolean_types_on_the_parameter_itself_are_read()
    {
        Assert.Equal(ContractRule.AboveMaximum, Assert.Single(Site.Check(ApiRequest.Parse("POST", "/qrs/allocation", "?xrfkey=x&take=51", """{"user":{"id":"1"}}"""))).Rule);
        Assert.Equal(ContractRule.WrongType, Assert.Single(Site.Check(ApiRequest.Parse("GET", "/qrs/user/full", "?xrfkey=x&privileges=yes", null))).Rule);
    }

    [Fact]
    public void A_date_template_pattern_is_read_as_the_digits_it_stands_for_and_a_regular_expression_as_one()
    {
        Assert.Empty(Tenant.Check(ApiRequest.Parse("GET", "/api/v1/events", "?eventTime=2026-01-01T00:00:00.000Z/2026-02-01T12:30:00.999Z", null)));
        var noMilliseconds = Assert.Single(Tenant.Check(ApiRequest.Parse("GET", "/api/v1/events", "?eventTime=2026-01-01T00:00:00Z/2026-02-01T00:00:00Z", null)));
        Assert.Equal(ContractRule.PatternMismatch, noMilliseconds.Rule);
        var openEnd = Assert.Single(Tenant.Check(ApiRequest.Parse("GET", "/api/v1/events", "?eventTime=2026-01-01T00:00:00.000Z/", null)));
        Assert.Equal(ContractRule.PatternMismatch, openEnd.Rule);
        Assert.Empty(Tenant.Check(ApiRequest.Parse("GET", "/api/v1/events", "?code=LIC-11", null)));
        Assert.Equal(ContractRule.PatternMismatch, Assert.Single(Tenant.Check(ApiRequest.Parse("GET", "/api/v1/events", "?code=lic-11", null))).Rule);
    }

    [Fact]
    public void A_required_query_parameter_left_out_is_missing()
    {
        var violation = Assert.Single(Tenant.Check(ApiRequest.Parse("GET", "/api/v1/events/archive", "", null)));
        Assert.Equal(ContractRule.MissingParameter, violation.Rule);
        Assert.Equal("query date", violation.Where);
    }

    [Fact]
    public void A_body_is_held_to_its_schema_required_types_enums_and_no_undeclared_property()
    {
        Assert.Empty(Tenant.Check(ApiRequest.Parse("POST", "/api/v1/seats/actions/add", "", """{"add":[{"subject":"a","type":"analyzer"}]}""")));
        var violations = Tenant.Check(ApiRequest.Parse("POST", "/api/v1/seats/actions/add", "",
            """{"add":[{"subject":"a","type":"full","userId":"x"},{"type":"analyzer","count":"2"}]}"""));
        Assert.Contains(violations, violation => violation is { Rule: ContractRule.NotInEnum, Where: "$.add[0].type" });
        Assert.Contains(violations, violation => violation is { Rule: ContractRule.UndeclaredProperty, Where: "$.add[0].userId" });
        Assert.Contains(violations, violation => violation is { Rule: ContractRule.MissingProperty, Where: "$.add[1].subject" });
        Assert.Contains(violations, violation => violation is { Rule: ContractRule.WrongType, Where: "$.add[1].count" });
        Assert.Equal(4, violations.Count);
    }

    [Fact]
    public void A_swagger2_body_parameter_is_followed_through_its_references()
    {
        var violations = Site.Check(ApiRequest.Parse("POST", "/qrs/allocation", "?xrfkey=x", """{"user":{"userId":"much too long"},"quarantined":null}"""));
        Assert.Contains(violations, violation => violation is { Rule: ContractRule.MissingProperty, Where: "$.user.id" });
        Assert.Contains(violations, violation => violation is { Rule: ContractRule.WrongLength, Where: "$.user.userId" });
        Assert.Contains(violations, violation => violation is { Rule: ContractRule.WrongType, Where: "$.quarantined" });
        Assert.Equal(3, violations.Count);
    }

    [Fact]
    public void A_body_where_none_is_described_or_none_where_one_is_required_is_named()
    {
        Assert.Equal(ContractRule.UndeclaredBody, Assert.Single(Site.Check(ApiRequest.Parse("DELETE", "/qrs/user/1", "?xrfkey=x", "{}"))).Rule);
        Assert.Equal(ContractRule.MissingBody, Assert.Single(Tenant.Check(ApiRequest.Parse("POST", "/api/v1/seats/actions/add", "", null))).Rule);
    }

    [Fact]
    public void One_of_passes_when_a_choice_matches_and_names_the_closest_choice_otherwise()
    {
        Assert.Empty(Tenant.Check(ApiRequest.Parse("POST", "/api/v1/token", "", """{"client_id":"c","client_secret":"s","grant_type":"client_credentials"}""")));
        var violation = Assert.Single(Tenant.Check(ApiRequest.Parse("POST", "/api/v1/token", "", """{"client_id":"c","client_secret":"s","grant_type":"client_credentials","scope":"x"}""")));
        Assert.Equal(ContractRule.UndeclaredProperty, violation.Rule);
        Assert.Equal("$.scope", violation.Where);
    }

    private static string Fixture(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);
}
