using QlikLicense.Maintenance.Decisions;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Decisions;

/// <summary>The advice for people refused for a cause a seat would not fix, made from findings alone: its order, whom it names, and the excess to release.</summary>
public sealed class CauseAdviceTests
{
    private static LicenseDenial Refused(string userId, LicenseDenialCause cause, bool known = true, params LicenseAccessType[] held) =>
        new() { UserDirectory = "CORP", UserId = userId, UserKey = known ? Guid.NewGuid() : null, Cause = cause, AllocatedAccessTypes = held, Count = 1 };

    private static LicenseFinding Excess(LicenseAccessType? type, int rank, Guid? id = null) =>
        new() { Kind = LicenseFindingKind.ExcessAllocation, Type = type, Id = id ?? Guid.NewGuid(), Rank = rank };

    private static IReadOnlyList<LicenseSuggestion> Advise(IReadOnlyList<LicenseDenial> denials, IReadOnlyList<LicenseFinding> findings = null,
        IReadOnlyList<LicenseSummary> seats = null) =>
        LicenseDecisions.Make(new LicenseDecisionFacts
        {
            Site = "site",
            Denials = denials,
            Findings = findings ?? Array.Empty<LicenseFinding>(),
            Seats = seats ?? Array.Empty<LicenseSummary>(),
        }, new LicenseDecisionOptions()).Suggestions;

    [Fact]
    public void Each_cause_gets_one_suggestion_naming_its_people_the_license_first_and_sessions_last()
    {
        var suggestions = Advise(new[]
        {
            Refused("zed", LicenseDenialCause.TooManySessions, true, LicenseAccessType.Analyzer),
            Refused("Amy", LicenseDenialCause.TooManySessions, true, LicenseAccessType.Professional, LicenseAccessType.Analyzer),
            Refused("bob", LicenseDenialCause.TooManySessions),
            Refused("new", LicenseDenialCause.PendingUserSync),
            Refused("ghost", LicenseDenialCause.UnknownUser, known: false),
            Refused("late", LicenseDenialCause.LicenseNotAvailable),
            Refused("over", LicenseDenialCause.ExcessAssignment, true, LicenseAccessType.Analyzer),
            new LicenseDenial { UserDirectory = "CORP", UserId = "svc", UserKey = Guid.NewGuid(), Cause = LicenseDenialCause.TooManySessions, IsServiceAccount = true },
        });

        Assert.Equal(new[] { SuggestionKind.RenewLicense, SuggestionKind.ReleaseExcess, SuggestionKind.SyncUserDirectory, SuggestionKind.AwaitUserSync, SuggestionKind.CloseSessions },
            suggestions.Select(suggestion => suggestion.Kind));
        var sessions = suggestions[4];
        Assert.Equal(new[] { @"CORP\Amy", @"CORP\bob", @"CORP\zed" }, sessions.Users);
        Assert.Equal((3, 2), (sessions.Denied, sessions.Licensed));
        Assert.StartsWith("3 people hold an access type but had the most parallel sessions open", sessions.Reason);
        Assert.Equal(new[] { @"CORP\ghost" }, suggestions[2].Users);
        Assert.StartsWith("One person was refused but the repository does not know them", suggestions[2].Reason);
        Assert.StartsWith("One person was refused just after an access type was allocated", suggestions[3].Reason);
        Assert.StartsWith("One person was refused while the license was not usable: seats would not help.", suggestions[0].Reason);
        Assert.StartsWith("One person holds an allocation beyond the seats of the license", suggestions[1].Reason);
        Assert.All(suggestions, suggestion => Assert.Equal((string.Empty, "site"), (suggestion.Command, suggestion.Site)));
    }

    [Fact]
    public void The_excess_to_release_is_of_the_type_the_refused_people_hold_first_ones_first()
    {
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        var findings = new[]
        {
            Excess(LicenseAccessType.Professional, 1),
            Excess(LicenseAccessType.Analyzer, 2, second),
            Excess(LicenseAccessType.Analyzer, 1, first),
            new LicenseFinding { Kind = LicenseFindingKind.ExcessAllocation, Type = LicenseAccessType.Analyzer, Id = null, Rank = 3 },
            new LicenseFinding { Kind = LicenseFindingKind.ProfessionalAndAnalyzer, Type = LicenseAccessType.Analyzer, Id = Guid.NewGuid() },
        };

        var release = Assert.Single(Advise(new[]
        {
            Refused("one", LicenseDenialCause.ExcessAssignment, true, LicenseAccessType.Analyzer),
            Refused("two", LicenseDenialCause.ExcessAssignment, true, LicenseAccessType.Analyzer),
        }, findings));

        Assert.Equal((SuggestionKind.ReleaseExcess, LicenseAccessType.Analyzer, 2, 2), (release.Kind, release.Type, release.Denied, release.Licensed));
        Assert.Equal($"Remove-QlikLicenseAllocation -Type Analyzer -Id {first:D}, {second:D}", release.Command);
        Assert.Equal("Remove-QlikLicenseAllocation", release.CommandName);
        Assert.StartsWith("2 people hold a Analyzer allocation beyond the seats", release.Reason);
    }

    [Fact]
    public void The_type_of_the_excess_found_goes_before_the_type_whose_seats_are_exceeded()
    {
        var id = Guid.NewGuid();

        var release = Assert.Single(Advise(new[] { Refused("one", LicenseDenialCause.ExcessAssignment, true, LicenseAccessType.Analyzer) },
            new[] { Excess(LicenseAccessType.Analyzer, 1, id) },
            new[] { new LicenseSummary { Type = LicenseAccessType.Professional, Enabled = true, Excess = 3, Available = 0 } }));

        Assert.Equal((LicenseAccessType.Analyzer, $"Remove-QlikLicenseAllocation -Type Analyzer -Id {id:D}"), (release.Type, release.Command));
    }

    [Fact]
    public void Without_findings_the_excess_is_of_the_type_whose_seats_are_exceeded_and_no_command_is_given()
    {
        var refused = new[] { Refused("one", LicenseDenialCause.ExcessAssignment) };

        var typed = Assert.Single(Advise(refused, seats: new[]
        {
            new LicenseSummary { Type = LicenseAccessType.Professional, Enabled = true, Excess = 0, Available = 0 },
            new LicenseSummary { Type = LicenseAccessType.Analyzer, Enabled = true, Excess = 2, Available = 0 },
        }));
        var untyped = Assert.Single(Advise(refused));

        Assert.Equal((LicenseAccessType.Analyzer, string.Empty), (typed.Type, typed.Command));
        Assert.Contains("a Analyzer allocation beyond", typed.Reason);
        Assert.StartsWith("One person holds an allocation beyond", untyped.Reason);
        Assert.Equal(string.Empty, untyped.Command);
    }
}

/// <summary>The commands the reports and suggestions show, quoted so that PowerShell reads back the values given.</summary>
public sealed class PowerShellCommandTests
{
    [Fact]
    public void Ids_lists_of_ids_enum_values_and_switches_are_written_bare_and_anything_else_is_refused()
    {
        var one = Guid.Parse("0b6c5c2e-3d0e-4b8e-9a55-8c4f2a0f1d11");
        var two = Guid.Parse("f3a1e2d4-0000-4c1b-8d7e-123456789abc");

        var command = new PowerShellCommand("Remove-QlikLicenseAllocation").With("Type", LicenseAccessType.UserAccess).With("Id", new[] { one, two }).With("Site", one).Switch("Force");

        Assert.Equal($"Remove-QlikLicenseAllocation -Type UserAccess -Id {one:D}, {two:D} -Site {one:D} -Force", command.ToString());
        Assert.Throws<ArgumentException>(() => new PowerShellCommand("Get-Thing").With("Count", 3).ToString());
    }

    [Fact]
    public void A_parameter_given_again_in_another_case_replaces_the_first_and_the_parameters_are_a_copy()
    {
        var command = new PowerShellCommand("Add-QlikLicenseAllocation").With("UserId", "a").With("USERID", "b");

        var parameters = command.Parameters;
        parameters["userid"] = "changed";
        parameters.Add("Other", "x");

        Assert.Equal("Add-QlikLicenseAllocation -USERID 'b'", command.ToString());
        Assert.Equal("b", command.Parameters["userId"]);
        Assert.Single(command.Parameters);
    }

    [Theory]
    [InlineData('\u2017', false)]
    [InlineData('\u2018', true)]
    [InlineData('\u2019', true)]
    [InlineData('\u201A', true)]
    [InlineData('\u201B', true)]
    [InlineData('\u201C', false)]
    [InlineData('"', false)]
    public void Only_the_single_quotation_marks_are_doubled(char character, bool doubled) =>
        Assert.Equal("'a" + new string(character, doubled ? 2 : 1) + "b'", PowerShellCommand.Quote("a" + character + "b"));
}
