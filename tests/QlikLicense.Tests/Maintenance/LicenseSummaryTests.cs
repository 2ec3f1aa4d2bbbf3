using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Qrs;
using Xunit;

namespace QlikLicense.Tests.Maintenance;

public sealed class LicenseSummaryTests
{
    [Fact]
    public void The_documented_overview_shape_is_read_per_access_type()
    {
        var overview = JObject.Parse("""
            {"professionalAccess":{"enabled":true,"total":25,"allocated":5,"used":3,"quarantined":1,"excess":0,"available":19},
             "analyzerAccess":{"enabled":true,"total":50,"allocated":4,"used":0,"quarantined":0,"excess":2,"available":46},
             "analyzerTimeAccess":{"enabled":true,"allocatedMinutes":700,"usedMinutes":0,"unavailableMinutes":0},"totalTokens":0}
            """);

        var professional = QrsEntities.Summary(overview, LicenseAccessType.Professional, "site");
        var analyzer = QrsEntities.Summary(overview, LicenseAccessType.Analyzer, "site");

        Assert.Equal((true, 25, 5, 3, 1, 0, 19), (professional.Enabled, professional.Total, professional.Allocated, professional.Used, professional.Quarantined, professional.Excess, professional.Available));
        Assert.Equal((50, 2, 46), (analyzer.Total, analyzer.Excess, analyzer.Available));
        Assert.Equal("site", analyzer.Site);
    }

    [Fact]
    public void Numbers_as_strings_or_decimals_and_other_letter_case_are_accepted()
    {
        var overview = JObject.Parse("""{"ProfessionalAccess":{"Enabled":"true","total":"10","allocated":4.0,"quarantined":1}}""");

        var summary = QrsEntities.Summary(overview, LicenseAccessType.Professional, "site");

        Assert.Equal((true, 10, 4, 1), (summary.Enabled, summary.Total, summary.Allocated, summary.Quarantined));
        Assert.Equal(5, summary.Available);
    }

    [Fact]
    public void Missing_or_unreadable_values_stay_unknown_instead_of_zero()
    {
        var overview = JObject.Parse("""{"professionalAccess":{"total":"many","allocated":null},"analyzerAccess":42}""");

        var professional = QrsEntities.Summary(overview, LicenseAccessType.Professional, "site");
        var analyzer = QrsEntities.Summary(overview, LicenseAccessType.Analyzer, "site");

        Assert.Null(professional.Total);
        Assert.Null(professional.Allocated);
        Assert.Null(professional.Available);
        Assert.Null(professional.Enabled);
        Assert.Null(analyzer.Available);
    }
}
