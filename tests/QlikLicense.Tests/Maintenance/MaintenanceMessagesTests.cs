using QlikLicense.Logs;
using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Routine;
using QlikLicense.Model;
using QlikLicense.Rules;
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

    [Theory]
    [InlineData(1, "first")]
    [InlineData(2, "2nd")]
    [InlineData(3, "3rd")]
    [InlineData(4, "4th")]
    [InlineData(11, "11th")]
    [InlineData(12, "12th")]
    [InlineData(13, "13th")]
    [InlineData(21, "21st")]
    [InlineData(22, "22nd")]
    [InlineData(23, "23rd")]
    [InlineData(101, "101st")]
    [InlineData(111, "111th")]
    [InlineData(112, "112th")]
    public void An_allocation_above_the_license_says_in_words_which_to_release_in_what_place_and_why(int rank, string place)
    {
        var lastUsed = new DateTime(2026, 10, 1, 23, 30, 0, DateTimeKind.Utc);

        Assert.Equal($"3 Analyzer allocation(s) more than the license holds; release this one {place}: of the rest it is the longest unused (last used 2026-10-01).",
            MaintenanceMessages.Findings.Excess(LicenseAccessType.Analyzer, 3, rank, MaintenanceMessages.Findings.WhyFirst.LeastUsed, lastUsed));
        Assert.EndsWith("(last used never).", MaintenanceMessages.Findings.Excess(LicenseAccessType.Analyzer, 3, rank, "why", null));
    }

    [Fact]
    public void A_license_that_cannot_be_used_or_ends_soon_says_why_and_what_to_do()
    {
        var ended = new SiteLicense("1", null) { EndDate = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc) };

        Assert.Equal("The license of qlik.example has expired (key revoked): nobody can be given access. Renew or update it (QMC, License management > Site license).",
            MaintenanceMessages.Findings.LicenseNotUsable("qlik.example", new SiteLicense("1", null) { IsExpired = true, ExpiredReason = "key revoked" }));
        Assert.StartsWith("The license of qlik.example has expired: nobody", MaintenanceMessages.Findings.LicenseNotUsable("qlik.example", new SiteLicense("1", null) { IsExpired = true }));
        Assert.StartsWith("The license of qlik.example is invalid or deny-listed: nobody", MaintenanceMessages.Findings.LicenseNotUsable("qlik.example", new SiteLicense("1", null) { IsInvalid = true }));
        Assert.StartsWith("The license of qlik.example ended on 2026-11-01: nobody", MaintenanceMessages.Findings.LicenseNotUsable("qlik.example", ended));
        Assert.Equal("The license of qlik.example ends on 2026-12-31, in 24 day(s) (the license file's time limit): renew it before then, or everyone is refused a license.",
            MaintenanceMessages.Findings.LicenseEnds("qlik.example", new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc), 24, LicenseEndDateSource.LicenseFile));
        Assert.Contains("in 24 day(s) (the signed key's validity): renew",
            MaintenanceMessages.Findings.LicenseEnds("qlik.example", new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc), 24, LicenseEndDateSource.SignedKey));
        Assert.Contains("in 24 day(s): renew", MaintenanceMessages.Findings.LicenseEnds("qlik.example", new DateTime(2026, 12, 31, 0, 0, 0, DateTimeKind.Utc), 24, null));
    }

    [Fact]
    public void The_advice_on_causes_of_denials_counts_the_people_in_words_and_says_what_to_do()
    {
        Assert.StartsWith("One person holds an access type but had the most parallel sessions open (5 per person): no seat is needed. Ask them",
            MaintenanceMessages.Causes.TooManySessions(1));
        Assert.StartsWith("3 people hold an access type but", MaintenanceMessages.Causes.TooManySessions(3));
        Assert.StartsWith("One person was refused just after an access type was allocated to them", MaintenanceMessages.Causes.PendingUserSync(1));
        Assert.StartsWith("2 people were refused just after", MaintenanceMessages.Causes.PendingUserSync(2));
        Assert.Contains("check the repository synchronisation between the nodes.", MaintenanceMessages.Causes.PendingUserSync(2));
        Assert.StartsWith("2 people were refused but the repository does not know them: a seat cannot be allocated to them. Synchronise",
            MaintenanceMessages.Causes.UnknownUser(2));
        Assert.StartsWith("One person holds a Professional allocation beyond the seats of the license (excess): release allocations",
            MaintenanceMessages.Causes.ExcessAssignment(1, LicenseAccessType.Professional));
        Assert.StartsWith("4 people hold an allocation beyond", MaintenanceMessages.Causes.ExcessAssignment(4, null));
        Assert.Equal("Could not read the license of qlik.example (down); denials are not checked against its validity.", MaintenanceMessages.Causes.LicenseUnread("qlik.example", "down"));
    }

    [Fact]
    public void Refusals_while_the_license_was_not_usable_say_what_QRS_said_of_it()
    {
        string Said(SiteLicense license) => MaintenanceMessages.Causes.LicenseNotAvailable(2, license);

        Assert.Equal("2 people were refused while the license was not usable (QRS says it has expired: key revoked): seats would not help. " +
                     "Renew or update the license (QMC, License management > Site license), then let them try again.",
            Said(new SiteLicense("1", null) { IsExpired = true, ExpiredReason = "key revoked" }));
        Assert.StartsWith("2 people were refused while the license was not usable (QRS says it has expired): seats", Said(new SiteLicense("1", null) { IsExpired = true }));
        Assert.StartsWith("2 people were refused while the license was not usable (QRS says it is invalid or deny-listed): seats", Said(new SiteLicense("1", null) { IsInvalid = true }));
        Assert.StartsWith("2 people were refused while the license was not usable (it ended on 2026-11-01): seats",
            Said(new SiteLicense("1", null) { EndDate = new DateTime(2026, 11, 1, 0, 0, 0, DateTimeKind.Utc) }));
        Assert.StartsWith("2 people were refused while the license was not usable: seats", Said(new SiteLicense("1", null)));
        Assert.StartsWith("One person was refused while the license was not usable: seats", MaintenanceMessages.Causes.LicenseNotAvailable(1, null));
    }

    [Fact]
    public void A_pool_s_trend_says_how_it_grows_and_when_it_runs_out()
    {
        var pool = new LicensePool("Analyzer", "seats", _ => null);

        Assert.Equal("Not enough history: 2 run(s) so far, a trend needs 3.", MaintenanceMessages.Trends.NotEnoughHistory(2, 3));
        Assert.Equal("Run out now: 10 of 10 seats taken.", MaintenanceMessages.Trends.Full(pool, 10, 10));
        Assert.Equal("Not growing (-1.5 seats a month).", MaintenanceMessages.Trends.NotGrowing(pool, -1.5));
        Assert.Equal("Not growing (0 seats a month).", MaintenanceMessages.Trends.NotGrowing(pool, 0));
        Assert.Equal("Growing by +2.4 seats a month: runs out in March 2027 at that rate.", MaintenanceMessages.Trends.Growing(pool, 2.4, new DateTime(2027, 3, 1)));
        Assert.Equal("Growing by +1 seats a month; the pool's size is unknown.", MaintenanceMessages.Trends.Growing(pool, 1, null));
        // A slope is rounded to one decimal, whatever the regression gives.
        Assert.Equal("Growing by +0.3 seats a month; the pool's size is unknown.", MaintenanceMessages.Trends.Growing(pool, 1.0 / 3, null));
        Assert.Equal("Not growing (-2.7 seats a month).", MaintenanceMessages.Trends.NotGrowing(pool, -2.66));
    }

    [Fact]
    public void Each_error_of_a_sites_file_names_the_site_and_the_setting_and_says_what_it_must_be()
    {
        Assert.Equal("A site must be a hashtable such as @{ Name = 'Production'; Server = '...' }, not 'qlik.example'.", MaintenanceMessages.SitesFiles.NotAnEntry("qlik.example"));
        Assert.Equal("Site 'A': 'Prot' is not a site setting; known settings: Name, Server.", MaintenanceMessages.SitesFiles.Unknown("'A'", "Prot", "Name, Server"));
        Assert.Equal("Site 'A': the setting 'Server' is required.", MaintenanceMessages.SitesFiles.Missing("'A'", "Server"));
        Assert.Equal("Site #2: 'Name' must be text.", MaintenanceMessages.SitesFiles.NotText("#2", "Name"));
        Assert.Equal("Site 'A': 'Port' must be a whole number from 1 to 65535.", MaintenanceMessages.SitesFiles.NotPort("'A'"));
        Assert.Equal("Site 'A': 'TimeoutSec' must be a whole number of seconds from 1 to 3600.", MaintenanceMessages.SitesFiles.NotTimeout("'A'"));
        Assert.Equal("Site 'A': 'SkipCertificateCheck' must be $true or $false.", MaintenanceMessages.SitesFiles.NotFlag("'A'", "SkipCertificateCheck"));
        Assert.Equal("Site 'A': 'Jwt' and 'HeaderName' cannot be used together.", MaintenanceMessages.SitesFiles.Conflict("'A'", "Jwt", "HeaderName"));
        Assert.Equal("Site 'A': 'HeaderUserId' belongs with 'HeaderName'.", MaintenanceMessages.SitesFiles.BelongsWith("'A'", "HeaderUserId", "HeaderName"));
        Assert.Equal("Site 'A' is named twice in the sites file; the first one runs.", MaintenanceMessages.SitesFiles.Duplicate("'A'"));
    }

    [Fact]
    public void The_errors_of_a_tenant_in_a_sites_file_say_how_to_write_it_and_never_show_a_value()
    {
        Assert.Equal("Site 'Cloud': 'Server' is a setting of a Qlik Sense site, and this entry names a Qlik Cloud tenant ('Tenant', 'ApiKeyPath', " +
                     "'ClientId', 'ClientSecretPath'). Write the site and the tenant as two entries.", MaintenanceMessages.SitesFiles.SiteSettingOfTenant("'Cloud'", "Server"));
        Assert.Equal("Site 'Cloud': 'Tenant' must be the tenant's https URL, https://<tenant>.<region>.qlikcloud.com, or its host name.",
            MaintenanceMessages.SitesFiles.NotTenantUrl("'Cloud'"));
        Assert.Equal("Site 'Cloud': a tenant needs 'ApiKeyPath', or 'ClientId' with 'ClientSecretPath': the path of a file made with  " +
                     "Read-Host -AsSecureString | Export-Clixml <file>  holding the API key or the client's secret.", MaintenanceMessages.SitesFiles.NoTenantCredentials("'Cloud'"));
        Assert.Equal("Site 'Cloud': 'ApiKey' looks like a secret, and a sites file must hold none, so the site was not connected. " +
                     "Save it with  Read-Host -AsSecureString | Export-Clixml <file>  and name that file in 'CertificatePasswordPath' (a PFX's password), " +
                     "'ApiKeyPath' (a tenant's API key) or 'ClientSecretPath' (an OAuth client's secret).", MaintenanceMessages.SitesFiles.Secret("'Cloud'", "ApiKey"));
    }

    [Fact]
    public void The_history_s_messages_name_the_file_count_skipped_lines_in_words_and_say_what_to_do()
    {
        Assert.Equal("1 line of the maintenance history 'h.jsonl' could not be read and was skipped (-Verbose shows it).", MaintenanceMessages.History.LinesSkipped("h.jsonl", 1));
        Assert.Equal("3 lines of the maintenance history 'h.jsonl' could not be read and were skipped (-Verbose shows them).", MaintenanceMessages.History.LinesSkipped("h.jsonl", 3));
        Assert.Equal("Cannot add this run to the maintenance history 'h.jsonl': disk full. The run itself is complete; choose a writable file with -HistoryPath.",
            MaintenanceMessages.History.NotWritable("h.jsonl", "disk full."));
        Assert.Equal("Cannot read the maintenance history 'h.jsonl': denied", MaintenanceMessages.History.NotReadable("h.jsonl", "denied"));
        Assert.Equal("written by a newer QlikLicense (format 3); update the module to read it", MaintenanceMessages.History.NewerFormat(3));
    }

    [Fact]
    public void The_messages_of_releases_say_what_was_not_removed_and_what_to_do()
    {
        var allocation = new LicenseAllocation
        {
            Type = LicenseAccessType.Analyzer, UserDirectory = "CORP", UserId = "jdoe", QuarantineEnd = new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc),
        };

        Assert.Equal("The connection to qlik.example these allocations came from was closed by Disconnect-QlikSense. Nothing was removed. Connect again and read them again.",
            MaintenanceMessages.Releases.ConnectionClosed("qlik.example"));
        Assert.Equal("12 allocations came to be removed, more than -MaximumCount 10. Nothing was removed. Check the filter, then raise -MaximumCount if this is meant.",
            MaintenanceMessages.Releases.MaximumCountExceeded(12, 10));
        Assert.Equal("Analyzer access of CORP\\jdoe is already in quarantine until 2026-11-27 09:00:00Z; it is released then.", MaintenanceMessages.Releases.AlreadyQuarantined(allocation));
        Assert.Equal("The DELETE may or may not have happened; reading the allocation back failed: timeout", MaintenanceMessages.Releases.ReadBackFailed("timeout"));
    }

    [Fact]
    public void The_messages_of_allocations_name_the_user_the_access_and_the_seats_and_say_what_to_do()
    {
        Assert.Equal("No Analyzer access seat is free for CORP\\jdoe on qlik.example: 0 of 10 seats were free before this command. " +
                     "Release allocations (Remove-QlikLicenseAllocation) or add seats to the license.",
            MaintenanceMessages.Grants.NoSeatFree(LicenseAccessType.Analyzer, "CORP\\jdoe", "qlik.example", 0, "10", 0));
        Assert.Contains("2 of 10 seats were free before this command, and it took 2 for the users before. Release",
            MaintenanceMessages.Grants.NoSeatFree(LicenseAccessType.Analyzer, "CORP\\jdoe", "qlik.example", 2, "10", 2));
        Assert.Equal("Not enough tokens for a UserAccess pass for CORP\\jdoe on qlik.example: a pass costs 1.5 token(s), and 1 of the license's 60 tokens were free before this command. " +
                     "Release passes (Remove-QlikLicenseAllocation -Type UserAccess; a pass used in the last 7 days frees its tokens only when its quarantine ends) or add tokens to the license.",
            MaintenanceMessages.Grants.NoTokensFree(LicenseAccessType.UserAccess, "CORP\\jdoe", "qlik.example", 1, "60", 1.5, 0));
        Assert.Contains("tokens were free before this command, and it took 3 pass(es) for the users before. Release",
            MaintenanceMessages.Grants.NoTokensFree(LicenseAccessType.UserAccess, "CORP\\jdoe", "qlik.example", 1, "60", 1.5, 3));
        Assert.Equal(" The user's Analyzer allocation is in quarantine until 2026-11-27 09:00:00Z; reinstate it in the QMC.",
            MaintenanceMessages.Grants.InQuarantine(LicenseAccessType.Analyzer, new DateTime(2026, 11, 27, 9, 0, 0, DateTimeKind.Utc)));
        Assert.Equal("CORP\\jdoe cannot get user access on qlik.example: the license does not offer user access.",
            MaintenanceMessages.Grants.NotOffered("CORP\\jdoe", LicenseAccessType.UserAccess, "qlik.example"));
        Assert.Equal("The license overview of qlik.example does not say how many Professional and Analyzer seats (or tokens) are free; QRS decides for each user.",
            MaintenanceMessages.Grants.SeatsUnknown("qlik.example", new[] { LicenseAccessType.Professional, LicenseAccessType.Analyzer }));
        Assert.Equal("CORP\\jdoe: Analyzer access was asked for more than once; it is allocated once.", MaintenanceMessages.Grants.AskedTwice("CORP\\jdoe", LicenseAccessType.Analyzer));
        Assert.Equal("The user access to give back names no user (the user was deleted before it was released).", MaintenanceMessages.Grants.NamesNoUser(LicenseAccessType.UserAccess));
        Assert.Equal("The site qlik.example has no user CORP\\jdoe. Check the user directory and user id (Get-QlikUser).", MaintenanceMessages.Grants.UserNotFound("qlik.example", "CORP\\jdoe"));
        Assert.Equal("The allocation may or may not have been made; reading it back failed: timeout", MaintenanceMessages.Grants.ReadBackFailed("timeout"));
        Assert.Equal("LoginAccess is not allocated to a person: only Professional, Analyzer, UserAccess are.", MaintenanceMessages.Grants.NotPerUser(LicenseAccessType.LoginAccess));
        Assert.Equal("CORP\\jdoe: the site has no such user.", MaintenanceMessages.Grants.NoSuchUser("CORP\\jdoe"));
        Assert.Equal("CORP\\jdoe: holds no Analyzer allocation.", MaintenanceMessages.Grants.NoAllocation("CORP\\jdoe", LicenseAccessType.Analyzer));
    }

    [Fact]
    public void The_messages_of_the_denial_search_name_the_folder_or_file_and_what_is_missing_because_of_it()
    {
        Assert.Equal("The site qlik.example names no archived logs folder (servicecluster settings).", MaintenanceMessages.Denials.NoArchivedLogsFolder("qlik.example"));
        Assert.Equal("Skipped folder //share/logs: gone", MaintenanceMessages.Denials.FolderSkipped("//share/logs: gone"));
        Assert.Equal("Cannot reach the site's archived logs folder '//share/logs', which QRS names (servicecluster). Run this where that share is reachable, or name the folders with -Path.",
            MaintenanceMessages.Denials.ArchivedLogsFolderUnreachable("//share/logs"));
        Assert.Equal("Could not read /logs/a.log: locked. Denials it records are missing from the result.",
            MaintenanceMessages.Denials.FileUnreadable(new SkippedLogFile("/logs/a.log", default, "locked")));
        Assert.Equal("No Qlik Sense log was read: '/logs/empty' holds no files. No denial can be found there.",
            MaintenanceMessages.Denials.NoLogRead(new[] { "/logs/empty" }, 0));
        Assert.Equal("No Qlik Sense log was read: none of the 2 file(s) found at '/logs/a', '/logs/b.txt' could be read as a log that records licence denials (-Verbose names each and why). No denial can be found there.",
            MaintenanceMessages.Denials.NoLogRead(new[] { "/logs/a", "/logs/b.txt" }, 2));
    }

    [Fact]
    public void The_routine_s_messages_name_the_check_or_step_that_failed_and_why()
    {
        Assert.Equal("License Monitor: not reloaded", MaintenanceMessages.Routine.LicenseMonitorNotOperational("not reloaded"));
        Assert.Equal("Tenant licence: expired", MaintenanceMessages.Routine.TenantLicenceNotInOrder("expired"));
        Assert.Equal("Reading the license summary: down", MaintenanceMessages.Routine.StepFailed(MaintenanceMessages.Routine.ReadingSummary, "down"));
    }

    [Fact]
    public void The_licence_models_a_run_did_not_cover_are_named_with_their_model_and_what_to_do()
    {
        Assert.Equal("Could not read the licence overview of qlik.example (down); looking at every per-user access type.", MaintenanceMessages.Models.OverviewUnreadable("qlik.example", "down"));
        Assert.Equal("UserAccess (Token licence): the site runs it, but this run searched only Professional, Analyzer (-Type) for allocations of inactive users.",
            MaintenanceMessages.Models.TypeNotSearched(LicenseAccessType.UserAccess, new[] { LicenseAccessType.Professional, LicenseAccessType.Analyzer }));
        Assert.Equal("AnalyzerCapacity (AnalyzerCapacity licence): tenant runs it, and QlikLicense cannot read it on this kind of site. Check it where the site is managed.",
            MaintenanceMessages.Models.NotHandled(LicenseAccessType.AnalyzerCapacity, "tenant"));
    }

    [Fact]
    public void A_login_access_group_s_finding_says_what_is_wrong_with_it_and_what_to_do()
    {
        var dry = new LoginAccessGroup { Name = "Contractors", AssignedTokens = 10, Passes = 100, UsedPasses = 100, RemainingPasses = 0, People = 130, EnabledRules = new[] { "Contractors" } };
        var noRule = new LoginAccessGroup { Name = "Guests", AssignedTokens = 5, RemainingPasses = 50, DisabledRules = new[] { "Guests", "Visitors" } };
        var noRuleAtAll = new LoginAccessGroup { Name = "Guests", AssignedTokens = 5, RemainingPasses = 50 };
        var unused = new LoginAccessGroup { Name = "Partners", AssignedTokens = 3, RemainingPasses = 30, UsedPasses = 0, People = 0, EnabledRules = new[] { "Partners" } };

        Assert.Equal("Login access group 'Contractors' has run dry: all 100 passes are used (130 people in the last 28 days); the people its rules name are refused until passes come back after 28 days. " +
                     "Give it more tokens in the QMC, or move its heavy users to user access passes.", MaintenanceMessages.Models.LoginGroupFinding(dry));
        Assert.Equal("Login access group 'Guests' holds 5 token(s) but no enabled license rule lets anyone use its passes (disabled: Guests; Visitors): the tokens sit idle. " +
                     "Enable or add a rule, or take the tokens back in the QMC.", MaintenanceMessages.Models.LoginGroupFinding(noRule));
        Assert.Contains("use its passes: the tokens sit idle.", MaintenanceMessages.Models.LoginGroupFinding(noRuleAtAll));
        Assert.Equal("Login access group 'Partners' holds 3 token(s) and no pass was used in the last 28 days: the tokens could serve elsewhere. Take them back in the QMC if the group is not needed.",
            MaintenanceMessages.Models.LoginGroupFinding(unused));
    }

    [Fact]
    public void Marks_and_shared_licenses_are_explained_with_the_site_and_what_follows_for_its_users()
    {
        var marks = new UserMarks(new[] { TextPattern.Exactly("keep") }, Array.Empty<CustomPropertyMark>());
        var allocation = new LicenseAllocation { Type = LicenseAccessType.Analyzer, UserDirectory = "CORP", UserId = "jdoe" };

        Assert.Equal("tenant has no QMC tags or custom properties on users, so tag 'keep' cannot leave anyone out there. Nothing was offered for release; leave users out with -Exclude instead.",
            MaintenanceMessages.Marks.NotOnSite("tenant", marks));
        Assert.Equal("2 user(s) carry tag 'keep': never offered for release.", MaintenanceMessages.Marks.Found(2, marks));
        Assert.Equal("Could not read the license of qlik.example (down): its allocations unused there are judged on that site alone.", MaintenanceMessages.SharedUse.LicenseUnread("qlik.example", "down"));
        Assert.Equal("Could not read who used qlik.example recently (down): it shares a license with other sites of this run, so nobody is offered there as unused.",
            MaintenanceMessages.SharedUse.UseUnread("qlik.example", "down"));
        Assert.Equal("qlik.example shares its license with test.example, dev.example: a person counts as unused only when none of them saw them either.",
            MaintenanceMessages.SharedUse.Checking("qlik.example", new[] { "test.example", "dev.example" }));
        Assert.Equal("Analyzer access of CORP\\jdoe is unused here but was used on a site with the same license: not offered.", MaintenanceMessages.SharedUse.KeptUsedElsewhere(allocation));
        Assert.Equal("CORP\\jdoe holds both Professional and Analyzer access; Professional gives everything Analyzer does, so the Analyzer seat is spare: release it.",
            MaintenanceMessages.Findings.ProfessionalAndAnalyzer(allocation));
    }

    [Fact]
    public void The_findings_on_a_denied_group_name_its_rules_in_singular_or_plural_and_what_stands_in_the_way()
    {
        var one = new[] { "Sales" };
        var two = new[] { "Sales", "Sales EU" };

        Assert.Equal("The denied member holds a license now.", MaintenanceMessages.Decisions.AllLicensed(1));
        Assert.Equal("All 3 denied members hold a license now.", MaintenanceMessages.Decisions.AllLicensed(3));
        Assert.Equal("No PowerShell form for Int32", MaintenanceMessages.Decisions.NoPowerShellForm(1));
        Assert.Equal("Refused for other reasons than a missing seat (TooManySessions, UnknownUser): see the suggestions for them.",
            MaintenanceMessages.Decisions.OtherCauses(new[] { LicenseDenialCause.UnknownUser, LicenseDenialCause.TooManySessions, LicenseDenialCause.UnknownUser }));
        Assert.Equal("The rule 'Sales' grants the group Analyzer access, but no Analyzer seats are left.", MaintenanceMessages.Decisions.TooFewSeats(one, LicenseAccessType.Analyzer, 0, 4));
        Assert.Equal("The rules 'Sales', 'Sales EU' grant the group Analyzer access, but only 2 Analyzer seat(s) are left for 4 members without a license.",
            MaintenanceMessages.Decisions.TooFewSeats(two, LicenseAccessType.Analyzer, 2, 4));
        Assert.Equal("The rule 'Sales' grants the group, but the members still denied are inactive (removed from the directory or blocked).", MaintenanceMessages.Decisions.MembersInactive(one));
        Assert.StartsWith("The rules 'Sales', 'Sales EU' grant the group, but", MaintenanceMessages.Decisions.MembersInactive(two));
        Assert.Equal("The rule 'Sales' grants the group now and seats are left: the denials came before the rule applied, or were for too many sessions (Qlik Sense logs both alike). " +
                     "Ask them to open an app again.", MaintenanceMessages.Decisions.GrantedNow(one));
        Assert.StartsWith("The rules 'Sales', 'Sales EU' grant the group now", MaintenanceMessages.Decisions.GrantedNow(two));
        Assert.Equal("The rule 'Sales' naming the group is disabled.", MaintenanceMessages.Decisions.RuleDisabled(one));
        Assert.Equal("The rules 'Sales', 'Sales EU' naming the group are disabled.", MaintenanceMessages.Decisions.RuleDisabled(two));
        Assert.Equal("No license rule names the group.", MaintenanceMessages.Decisions.NoRule);
        Assert.Equal("No directory group: a license rule cannot name these users by group.", MaintenanceMessages.Decisions.NoGroup);
    }

    [Fact]
    public void On_a_tenant_the_finding_on_a_denied_group_says_how_its_automatic_assignment_stands()
    {
        const string Start = "A Qlik Cloud tenant has no license rules: a member gets a license by assignment, or at sign-in through the tenant's automatic assignment, which is ";
        string For(bool professional, bool analyzer) => MaintenanceMessages.Decisions.NoRulesOnTenant(new LicenseAutoAssignment { Professional = professional, Analyzer = analyzer });

        Assert.Equal(Start + "unknown here (the tenant did not answer its settings).", MaintenanceMessages.Decisions.NoRulesOnTenant(null));
        Assert.Equal(Start + "on for Professional, then Analyzer: the denials came when no such seat was left, or before it was switched on.", For(true, true));
        Assert.Equal(Start + "on for Professional: the denials came when no such seat was left, or before it was switched on.", For(true, false));
        Assert.Equal(Start + "on for Analyzer: the denials came when no such seat was left, or before it was switched on.", For(false, true));
        Assert.Equal(Start + "off: assign the members (Add-QlikLicenseAllocation), or switch it on (Set-QlikLicenseAutoAssignment).", For(false, false));
    }

    [Fact]
    public void The_reasons_of_suggestions_count_the_people_name_the_group_and_rule_and_say_what_to_do()
    {
        var rule = new LicenseRule { Name = "Sales", Type = LicenseAccessType.Analyzer };

        Assert.Equal("One person without a directory group was denied and holds no license.", MaintenanceMessages.Decisions.Allocate(1, null, 3));
        Assert.Equal("2 people of group 'Sales' were denied and hold no license; a rule is suggested from 3 denied members of one group.", MaintenanceMessages.Decisions.Allocate(2, "Sales", 3));
        Assert.Equal("4 members of group 'Sales' were denied and hold no license; Analyzer license rule 'Sales' names the group but is disabled.", MaintenanceMessages.Decisions.EnableRule(rule, "Sales", 4));
        Assert.Equal("4 members of group 'Interns' were denied and hold no license; Analyzer license rule 'Sales' grants groups, so add this one to it.",
            MaintenanceMessages.Decisions.AddGroupToRule(rule, "Interns", 4));
        Assert.Equal("4 members of group 'Interns' were denied and hold no license, and no enabled Analyzer rule grants groups: create one for the group.",
            MaintenanceMessages.Decisions.NewRule("Interns", 4, LicenseAccessType.Analyzer));
        Assert.Equal("Analyzer license rule 'Sales' grants an inactive user their released Analyzer access straight back at the next login: leave them out of the rule.",
            MaintenanceMessages.Decisions.GrantsBack(rule, 1));
        Assert.StartsWith("Analyzer license rule 'Sales' grants 3 inactive users their released", MaintenanceMessages.Decisions.GrantsBack(rule, 3));
        Assert.Equal("5 denied user(s) need Analyzer access and 0 seat(s) are free; no inactive user holds one to release: buy seats.",
            MaintenanceMessages.Decisions.FreeSeats(LicenseAccessType.Analyzer, 5, 0, 0));
        Assert.Equal("5 denied user(s) need Analyzer access and the number of free seats is unknown; release the 2 Analyzer allocation(s) of inactive users first " +
                     "(after the rule changes above, or the rules grant them back).", MaintenanceMessages.Decisions.FreeSeats(LicenseAccessType.Analyzer, 5, null, 2));
        Assert.Equal("Sales analyzers", MaintenanceMessages.Decisions.NewRuleName("Sales", LicenseAccessType.Analyzer));
        Assert.Equal("Sales professionals", MaintenanceMessages.Decisions.NewRuleName("Sales", LicenseAccessType.Professional));
        Assert.Equal("Sales user access", MaintenanceMessages.Decisions.NewRuleName("Sales", LicenseAccessType.UserAccess));
        Assert.Equal(" The new text builds on the change suggested above (((user.group=\"Sales\"))): run both in order, or only this one.",
            MaintenanceMessages.Decisions.BuildsOn("((user.group=\"Sales\"))"));
    }

    [Fact]
    public void A_capacity_spender_s_reason_gives_the_minutes_their_share_and_whether_seats_can_be_had()
    {
        var person = new AnalyzerCapacityUser { UserDirectory = "CORP", UserId = "jdoe", Minutes = 900, Share = 12.5, Since = new DateTime(2026, 10, 21, 0, 0, 0, DateTimeKind.Utc) };

        Assert.Equal("CORP\\jdoe spent 900 analyzer capacity minutes since 2026-10-21 (12.5% of all), more than the 600 an Analyzer seat costs: a seat costs less.",
            MaintenanceMessages.Decisions.SeatForCapacity(person, 600, seatsOffered: true));
        Assert.EndsWith("a seat costs less. The licence offers no Analyzer seats yet: add them to it first.", MaintenanceMessages.Decisions.SeatForCapacity(person, 600, seatsOffered: false));
    }
}
