using QlikLicense.Maintenance.Grant;
using QlikLicense.Model;
using QlikLicense.Tests.InMemory;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Grant;

/// <summary>
/// What <see cref="DenialEnrichment"/> adds to each denial from the site in memory: the user's record and allocations,
/// read in a few requests for all of them, and the license only when a cause may hang on it.
/// </summary>
public sealed class DenialEnrichmentTests : InMemorySiteTest
{
    private static LicenseDenial Denial(string userDirectory, string userId, LicenseDenialCause cause = LicenseDenialCause.NoAccessType) =>
        new() { UserDirectory = userDirectory, UserId = userId, FirstDenied = new DateTime(2026, 11, 1, 8, 0, 0, DateTimeKind.Utc), LastDenied = new DateTime(2026, 11, 19, 8, 0, 0, DateTimeKind.Utc), Count = 3, Cause = cause };

    [Fact]
    public void A_known_user_gets_its_key_name_groups_and_the_types_it_holds_and_holds_in_quarantine_each_once_in_type_order()
    {
        var user = site.AddUser("CORP", "jdoe", name: "John Doe", blocked: true, groups: new[] { "Sales", "EMEA" });
        site.AddAllocation(LicenseAccessType.Analyzer, user);
        site.AddAllocation(LicenseAccessType.Analyzer, user);
        site.AddAllocation(LicenseAccessType.Professional, user);
        site.AddAllocation(LicenseAccessType.UserAccess, user, quarantined: true);
        var denial = Denial("corp", "JDOE", LicenseDenialCause.TooManySessions);

        DenialEnrichment.Enrich(connection, new[] { denial }, Call);

        Assert.Equal((user.Id, "John Doe", true), (denial.UserKey, denial.Name, denial.Inactive));
        Assert.Equal(new[] { "Sales", "EMEA" }, denial.Groups);
        Assert.Equal(new[] { LicenseAccessType.Professional, LicenseAccessType.Analyzer }, denial.AllocatedAccessTypes);
        Assert.Equal(new[] { LicenseAccessType.UserAccess }, denial.QuarantinedAccessTypes);
        Assert.Same(connection, denial.Connection);
        Assert.Equal(LicenseDenialCause.TooManySessions, denial.Cause);
    }

    [Fact]
    public void A_user_the_site_does_not_know_keeps_no_record_and_is_an_unknown_user_on_this_connection()
    {
        site.AddUser("CORP", "jdoe");
        var ghost = Denial("CORP", "ghost");

        DenialEnrichment.Enrich(connection, new[] { ghost }, Call);

        Assert.Null(ghost.UserKey);
        Assert.Empty(ghost.AllocatedAccessTypes);
        Assert.Same(connection, ghost.Connection);
        Assert.Equal(LicenseDenialCause.UnknownUser, ghost.Cause);
        // Nobody known: no allocation is looked up.
        Assert.Equal(new[] { nameof(ISite.LookUpUsersAtOnce), nameof(ISiteLicenseReader.ReadLicenseAsync) }, site.Calls);
    }

    [Fact]
    public void The_users_and_each_types_allocations_are_read_once_for_all_the_denials()
    {
        foreach (var index in Enumerable.Range(0, 30)) site.AddAllocation(LicenseAccessType.Analyzer, site.AddUser("CORP", "user" + index));

        var denials = Enumerable.Range(0, 30).Select(index => Denial("CORP", "user" + index)).ToList();
        DenialEnrichment.Enrich(connection, denials, Call);

        Assert.All(denials, denial => Assert.Equal(new[] { LicenseAccessType.Analyzer }, denial.AllocatedAccessTypes));
        Assert.Equal(1, site.Calls.Count(call => call == nameof(ISite.LookUpUsersAtOnce)));
        Assert.Equal(LicenseAccessTypes.PerUser.Count, site.Calls.Count(call => call == nameof(ISite.LookUpAllocationsAtOnce)));
        Assert.Equal(1, site.Calls.Count(call => call == nameof(ISiteLicenseReader.ReadLicenseAsync)));
    }

    [Fact]
    public void The_license_is_read_only_when_a_seat_would_help_and_a_license_that_ended_makes_those_refusals_the_licenses()
    {
        site.License = new SiteLicense("0000650077516278", null) { EndDate = new DateTime(2026, 11, 10) };
        site.AddUser("CORP", "busy");
        site.AddUser("CORP", "late");
        var busy = Denial("CORP", "busy", LicenseDenialCause.TooManySessions);

        DenialEnrichment.Enrich(connection, new[] { busy }, Call);

        Assert.DoesNotContain(nameof(ISiteLicenseReader.ReadLicenseAsync), site.Calls);
        Assert.Equal(LicenseDenialCause.NoAccessType, busy.Cause);

        var late = Denial("CORP", "late");
        DenialEnrichment.Enrich(connection, new[] { late }, Call);

        Assert.Equal(LicenseDenialCause.LicenseNotAvailable, late.Cause);
    }

    [Fact]
    public void A_license_that_cannot_be_read_is_traced_and_the_causes_stay_as_the_logs_tell_them()
    {
        site.License = new SiteLicense("0000650077516278", null) { IsExpired = true };
        site.AddUser("CORP", "jdoe");
        site.FailWhen = call => call == nameof(ISiteLicenseReader.ReadLicenseAsync) ? new SiteException(SiteKind.QlikSense, SiteErrorKind.ServerError, "GET", "/license", 500, "license down") : null;
        var trace = new List<string>();
        var denial = Denial("CORP", "jdoe");

        DenialEnrichment.Enrich(connection, new[] { denial }, new SiteCall(CancellationToken.None, trace.Add));

        Assert.Equal(LicenseDenialCause.NoAccessType, denial.Cause);
        Assert.Equal("Could not read the license of memory.example:4242 (license down); denials are not checked against its validity.", Assert.Single(trace));
    }

    [Fact]
    public void No_denials_ask_the_site_nothing_and_a_failed_user_read_leaves_every_denial_untouched()
    {
        DenialEnrichment.Enrich(connection, Array.Empty<LicenseDenial>(), Call);
        Assert.Empty(site.Calls);

        site.AddUser("CORP", "jdoe");
        site.FailWhen = call => call == nameof(ISite.LookUpAllocationsAtOnce) ? new SiteException(SiteKind.QlikSense, SiteErrorKind.ServerError, "GET", "/allocations", 500, "down") : null;
        var denial = Denial("CORP", "jdoe");

        Assert.Throws<SiteException>(() => DenialEnrichment.Enrich(connection, new[] { denial }, Call));

        Assert.Null(denial.UserKey);
        Assert.Null(denial.Connection);
    }

    [Fact]
    public void A_connection_and_the_denials_are_required()
    {
        Assert.Equal("connection", Assert.Throws<ArgumentNullException>(() => DenialEnrichment.Enrich(null, Array.Empty<LicenseDenial>(), Call)).ParamName);
        Assert.Equal("denials", Assert.Throws<ArgumentNullException>(() => DenialEnrichment.Enrich(connection, null, Call)).ParamName);
    }

    [Fact]
    public void Users_whose_directory_and_id_run_together_alike_are_still_told_apart_and_a_user_without_groups_has_none()
    {
        var first = site.AddUser("CORP", "ab");
        var second = site.AddUser("CORPa", "b");
        second.Groups = null;
        var denials = new[] { Denial("CORP", "ab"), Denial("CORPa", "b") };

        DenialEnrichment.Enrich(connection, denials, Call);

        Assert.Equal(new Guid?[] { first.Id, second.Id }, denials.Select(denial => denial.UserKey));
        Assert.NotNull(denials[1].Groups);
        Assert.Empty(denials[1].Groups);
    }
}
