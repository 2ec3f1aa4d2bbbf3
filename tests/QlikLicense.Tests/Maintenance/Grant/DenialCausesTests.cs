using QlikLicense.Maintenance.Grant;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Grant;

/// <summary>
/// How <see cref="DenialCauses"/> refines the cause the logs give of a person's refusals with what the site says of
/// them: whether it knows them, the license, and the allocations they hold (quarantined ones never count).
/// </summary>
public sealed class DenialCausesTests
{
    private static readonly DateTime Denied = new(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc);

    private static LicenseDenialCause Refine(LicenseDenialCause logged, bool known = true, SiteLicense license = null, params LicenseAllocation[] held) =>
        DenialCauses.Refine(new LicenseDenial { UserDirectory = "CORP", UserId = "jdoe", FirstDenied = Denied.AddDays(-1), LastDenied = Denied, Cause = logged },
            known, held, license);

    private static LicenseAllocation Held(DateTime? created = null, bool quarantined = false, bool excess = false) =>
        new() { Id = Guid.NewGuid(), Type = LicenseAccessType.Analyzer, CreatedDate = created ?? Denied.AddDays(-30), Quarantined = quarantined, Excess = excess };

    private static SiteLicense Ended(DateTime end) => new("0000650077516278", null) { EndDate = end };

    [Theory]
    [InlineData(LicenseDenialCause.NoAccessType, LicenseDenialCause.UnknownUser)]
    [InlineData(LicenseDenialCause.Unstated, LicenseDenialCause.UnknownUser)]
    [InlineData(LicenseDenialCause.TooManySessions, LicenseDenialCause.UnknownUser)]
    [InlineData(LicenseDenialCause.LicenseNotAvailable, LicenseDenialCause.LicenseNotAvailable)]
    public void A_person_the_repository_does_not_know_is_an_unknown_user_unless_the_logs_tell_a_cause_no_seat_would_fix(LicenseDenialCause logged, LicenseDenialCause refined)
    {
        Assert.Equal(refined, Refine(logged, known: false, license: Ended(Denied.AddDays(-10))));
    }

    [Fact]
    public void Refusals_after_the_license_ended_are_for_the_license_and_on_its_last_day_they_are_not()
    {
        Assert.Equal(LicenseDenialCause.LicenseNotAvailable, Refine(LicenseDenialCause.NoAccessType, license: Ended(Denied.Date.AddDays(-1))));
        Assert.Equal(LicenseDenialCause.LicenseNotAvailable, Refine(LicenseDenialCause.Unstated, license: new SiteLicense("1", null) { IsExpired = true }));
        Assert.Equal(LicenseDenialCause.NoAccessType, Refine(LicenseDenialCause.NoAccessType, license: Ended(Denied.Date)));
        Assert.Equal(LicenseDenialCause.NoAccessType, Refine(LicenseDenialCause.NoAccessType, license: null));
    }

    [Fact]
    public void A_person_with_too_many_sessions_keeps_that_cause_whatever_the_license_while_holding_an_active_allocation()
    {
        Assert.Equal(LicenseDenialCause.TooManySessions, Refine(LicenseDenialCause.TooManySessions, license: Ended(Denied.AddDays(-10)), held: Held(created: Denied)));
    }

    [Fact]
    public void Too_many_sessions_without_an_active_allocation_is_no_access_type()
    {
        Assert.Equal(LicenseDenialCause.NoAccessType, Refine(LicenseDenialCause.TooManySessions));
        Assert.Equal(LicenseDenialCause.NoAccessType, Refine(LicenseDenialCause.TooManySessions, held: Held(quarantined: true)));
    }

    [Fact]
    public void An_active_allocation_beyond_the_seats_makes_the_refusal_an_excess_and_a_quarantined_one_does_not()
    {
        Assert.Equal(LicenseDenialCause.ExcessAssignment, Refine(LicenseDenialCause.NoAccessType, held: new[] { Held(), Held(excess: true) }));
        Assert.Equal(LicenseDenialCause.NoAccessType, Refine(LicenseDenialCause.NoAccessType, held: Held(quarantined: true, excess: true)));
        Assert.Equal(LicenseDenialCause.TooManySessions, Refine(LicenseDenialCause.TooManySessions, held: Held(excess: true)));
    }

    [Theory]
    [InlineData(0, LicenseDenialCause.PendingUserSync)]
    [InlineData(-60 * 60, LicenseDenialCause.PendingUserSync)]
    [InlineData(-60 * 60 - 1, LicenseDenialCause.NoAccessType)]
    [InlineData(1, LicenseDenialCause.NoAccessType)]
    public void An_allocation_made_within_the_hour_before_the_last_refusal_is_a_pending_user_sync(int secondsFromRefusal, LicenseDenialCause refined)
    {
        Assert.Equal(refined, Refine(LicenseDenialCause.NoAccessType, held: Held(created: Denied.AddSeconds(secondsFromRefusal))));
    }

    [Fact]
    public void A_quarantined_allocation_made_just_before_is_no_pending_sync_and_nor_is_one_for_a_cause_no_seat_fixes()
    {
        Assert.Equal(LicenseDenialCause.NoAccessType, Refine(LicenseDenialCause.NoAccessType, held: Held(created: Denied, quarantined: true)));
        Assert.Equal(LicenseDenialCause.TooManySessions, Refine(LicenseDenialCause.TooManySessions, held: Held(created: Denied)));
        Assert.Equal(LicenseDenialCause.PendingUserSync, Refine(LicenseDenialCause.Unstated, held: Held(created: Denied.AddMinutes(-5))));
    }
}
