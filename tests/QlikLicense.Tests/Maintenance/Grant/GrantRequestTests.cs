using QlikLicense.Maintenance.Grant;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Grant;

/// <summary>What a request to allocate names (<see cref="GrantRequest"/>) and how a planned step names its user (<see cref="GrantStep"/>).</summary>
public sealed class GrantRequestTests
{
    private static readonly QlikUser John = new() { Id = Guid.NewGuid(), UserDirectory = "CORP", UserId = "jdoe", Name = "John Doe" };

    [Theory]
    [InlineData(LicenseAccessType.LoginAccess)]
    [InlineData(LicenseAccessType.AnalyzerCapacity)]
    public void Only_a_per_user_access_type_can_be_asked_for(LicenseAccessType shared)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => GrantRequest.ForIdentity(shared, "CORP", "jdoe", "source"));

        Assert.Equal("type", error.ParamName);
        Assert.StartsWith($"{shared} is not allocated to a person: only Professional, Analyzer, UserAccess are.", error.Message);
    }

    [Fact]
    public void A_request_names_its_user_by_identity_key_user_or_journaled_release()
    {
        var byIdentity = GrantRequest.ForIdentity(LicenseAccessType.Analyzer, "CORP", "jdoe", "given");
        var byKey = GrantRequest.ForKey(LicenseAccessType.Analyzer, John.Id, "CORP", "jdoe", "given");
        var byUser = GrantRequest.ForUser(LicenseAccessType.Professional, John, "given");
        var release = new JournalRecord { Type = LicenseAccessType.UserAccess, UserKey = John.Id, UserDirectory = "CORP", UserId = "jdoe", UserName = "John Doe" };
        var byRelease = GrantRequest.ForRelease(release);

        Assert.Equal(("CORP\\jdoe", null, null, "given"), (byIdentity.Identity, byIdentity.UserKey, byIdentity.User, byIdentity.Source));
        Assert.Equal((John.Id, (QlikUser)null), (byKey.UserKey, byKey.User));
        Assert.Equal((LicenseAccessType.Professional, John.Id, John, "CORP", "jdoe"), (byUser.Type, byUser.UserKey, byUser.User, byUser.UserDirectory, byUser.UserId));
        Assert.Equal((LicenseAccessType.UserAccess, John.Id, release, release, "CORP\\jdoe"), (byRelease.Type, byRelease.UserKey, byRelease.Release, byRelease.Source, byRelease.Identity));
    }

    [Fact]
    public void A_request_has_a_name_to_look_up_only_when_it_gives_both_directory_and_id()
    {
        Assert.Equal(new UserName("CORP", "jdoe"), GrantRequest.ForIdentity(LicenseAccessType.Analyzer, "CORP", "jdoe", "given").Name);
        Assert.Null(GrantRequest.ForIdentity(LicenseAccessType.Analyzer, "", "jdoe", "given").Name);
        Assert.Null(GrantRequest.ForIdentity(LicenseAccessType.Analyzer, "CORP", "", "given").Name);
        Assert.Null(GrantRequest.ForIdentity(LicenseAccessType.Analyzer, null, null, "given").Name);
    }

    [Fact]
    public void A_step_names_the_user_with_a_display_name_that_differs_from_the_id()
    {
        var request = GrantRequest.ForIdentity(LicenseAccessType.Analyzer, "corp", "JDOE", "given");

        Assert.Equal("CORP\\jdoe (John Doe)", new GrantStep(request, John, null, GrantDecision.NewSeat).Target);
        Assert.Equal("CORP\\same", new GrantStep(request, new QlikUser { Id = Guid.NewGuid(), UserDirectory = "CORP", UserId = "same", Name = "same" }, null, GrantDecision.NewSeat).Target);
        Assert.Equal("corp\\JDOE", new GrantStep(request, null, null, GrantDecision.UserNotFound).Target);

        var release = GrantRequest.ForRelease(new JournalRecord { Type = LicenseAccessType.Analyzer, UserDirectory = "CORP", UserId = "gone", UserName = "Gone Person" });
        Assert.Equal("CORP\\gone (Gone Person)", new GrantStep(release, null, null, GrantDecision.UserNotFound).Target);
    }

    [Fact]
    public void A_step_without_its_user_or_allocation_says_so_when_they_are_needed()
    {
        var request = GrantRequest.ForIdentity(LicenseAccessType.Analyzer, "CORP", "nobody", "given");
        var step = new GrantStep(request, null, null, GrantDecision.UserNotFound);

        Assert.Equal("CORP\\nobody: the site has no such user.", Assert.Throws<InvalidOperationException>(() => step.FoundUser).Message);
        Assert.Equal("CORP\\nobody: holds no Analyzer allocation.", Assert.Throws<InvalidOperationException>(() => step.ExistingAllocation).Message);
        Assert.Same(John, new GrantStep(request, John, null, GrantDecision.NewSeat).FoundUser);
    }
}
