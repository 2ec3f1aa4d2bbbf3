using QlikLicense.Maintenance;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Maintenance;

/// <summary>
/// The wording of messages whose operations the unit tests do not drive (they are reached through a tenant or the
/// cmdlets only): each says what happened, names what it is about, and what to do. Scripts match on some of them.
/// </summary>
public sealed class MaintenanceMessagesTests
{
    [Fact]
    public void The_automatic_assignment_messages_name_the_tenant_each_switch_and_its_state()
    {
        var current = new LicenseAutoAssignment { Site = "acme.eu.qlikcloud.com", Professional = true, Analyzer = false };
        var wanted = new Dictionary<LicenseAccessType, bool> { [LicenseAccessType.Professional] = false, [LicenseAccessType.Analyzer] = true };

        Assert.Equal("Nothing to change: acme.eu.qlikcloud.com: Professional on, Analyzer off.", MaintenanceMessages.AutoAssignment.NothingToChange(current));
        Assert.Equal("acme.eu.qlikcloud.com: assign Professional automatically off, assign Analyzer automatically on",
            MaintenanceMessages.AutoAssignment.Target("acme.eu.qlikcloud.com", wanted));
        Assert.Equal("The tenant answered with automatic Analyzer assignment still on.", MaintenanceMessages.AutoAssignment.NotStored(LicenseAccessType.Analyzer, true));
        Assert.Equal("The tenant answered with automatic Professional assignment still off.", MaintenanceMessages.AutoAssignment.NotStored(LicenseAccessType.Professional, false));
        Assert.Equal("qlik.corp.example:4242 has no automatic assignment switches: they belong to Qlik Cloud tenants. " +
                     "A Qlik Sense site assigns licences automatically through license rules.", MaintenanceMessages.AutoAssignment.NotOnThisSite("qlik.corp.example:4242"));
    }

    [Fact]
    public void The_playbook_s_warning_names_the_user_each_rule_that_grants_the_access_back_and_what_to_do()
    {
        var allocation = new LicenseAllocation { Type = LicenseAccessType.Analyzer, UserDirectory = "CORP", UserId = "jdoe" };

        Assert.Equal("CORP\\jdoe: the enabled license rule 'Sales' grants Analyzer access to this user, so a released allocation comes straight back at the next login. " +
                     "Change the rule (Set-QlikLicenseRule) or exclude the user.", RuleWarnings.GrantedBack(allocation, new[] { "Sales" }));
        Assert.StartsWith("CORP\\jdoe: the enabled license rules 'Sales', 'Trial' grant Analyzer access to this user,", RuleWarnings.GrantedBack(allocation, new[] { "Sales", "Trial" }));
    }

    [Fact]
    public void A_rule_check_that_failed_is_a_problem_about_its_access_type_carrying_the_site_s_error()
    {
        var error = new SiteException(SiteKind.QlikSense, SiteErrorKind.ServerError, "POST", "/qrs/systemrule/license/audit", 503, "down");

        var problem = RuleWarnings.CheckFailed(LicenseAccessType.UserAccess, error);

        Assert.Equal((ProblemKind.RuleCheckFailed, (object)LicenseAccessType.UserAccess), (problem.Kind, problem.Target));
        Assert.Equal("Could not check whether a license rule grants user access back: down", problem.Message);
        Assert.Same(error, problem.Exception.InnerException);
    }
}
