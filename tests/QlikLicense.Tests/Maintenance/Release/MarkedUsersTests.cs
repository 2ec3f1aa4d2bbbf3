using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Simulator;
using QlikLicense.Tests.Rules;
using Xunit;
using QlikLicense.Maintenance.Release;

namespace QlikLicense.Tests.Maintenance.Release;

/// <summary>
/// Users marked in the QMC never to release, on the seed's inactive users (CORP\bwayne and CORP\ckent removed from the
/// directory, CORP\hquinn and CORP EU\françois.dupont too): found by QRS, confirmed on the users read.
/// </summary>
public sealed class MarkedUsersTests : SimulatedSiteTest
{
    private static TextPattern StartsWith(string text) =>
        new(text + "*", TextNarrowing.StartsWith, text, value => value.StartsWith(text, StringComparison.OrdinalIgnoreCase));

    private IReadOnlyList<string> Offered(UserMarks marks, SiteCall? call = null) =>
        new InactiveLicensedUserFinder(connection, new RecordingHost(approve: false)).Find(new InactiveCriteria { Marks = marks, CheckRules = false }, call ?? SimulatedConnection.Call)
            .Select(candidate => candidate.UserId).Order(StringComparer.Ordinal).ToList();

    [Fact]
    public void A_tagged_user_and_a_user_holding_the_property_value_are_never_offered()
    {
        site.Store.TagUser(UserKey("bwayne"), "Finance", "Keep licence");
        site.Store.SetCustomProperty(UserKey("ckent"), "LicensePolicy", "Never release");

        var marks = new UserMarks(new[] { StartsWith("keep") }, new[] { new CustomPropertyMark("licensepolicy", TextPattern.Exactly("never release")) });
        var trace = new List<string>();

        var offered = Offered(marks, new SiteCall(CancellationToken.None, trace.Add));

        Assert.Equal(new[] { "françois.dupont", "hquinn" }, offered);
        Assert.Contains($"2 user(s) carry {marks}: never offered for release.", trace);
    }

    [Fact]
    public void The_name_and_the_value_must_be_of_one_custom_property_though_QRS_matches_them_on_any()
    {
        // QRS's filter matches hquinn (one property named LicensePolicy, another valued Never...), the check does not.
        site.Store.SetCustomProperty(UserKey("hquinn"), "LicensePolicy", "Review");
        site.Store.SetCustomProperty(UserKey("hquinn"), "Team", "Never land");
        site.Requests.Clear();

        var offered = Offered(new UserMarks(Array.Empty<TextPattern>(), new[] { new CustomPropertyMark("LicensePolicy", StartsWith("Never")) }));

        Assert.Contains("hquinn", offered);
        Assert.Single(site.Requests.Snapshot(), request => request.Filter == "(customProperties.definition.name eq 'LicensePolicy') and (customProperties.value sw 'Never')");
    }

    [Fact]
    public void Without_marks_no_user_is_read_for_them()
    {
        site.Requests.Clear();

        Assert.Equal(4, Offered(UserMarks.None).Count);

        Assert.DoesNotContain(site.Requests.Snapshot(), request => request.Filter?.Contains("tags", StringComparison.Ordinal) == true);
    }
}
