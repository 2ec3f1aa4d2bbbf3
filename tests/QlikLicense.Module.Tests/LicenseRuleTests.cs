using System.Management.Automation;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Module.Tests;

public sealed class LicenseRuleTests : SiteSessionTest
{
    private const string SeedRuleText = "((user.group=\"Sales\"))";




    private JObject StoredRule(string name) =>
        site.Store.All(QrsTypes.SystemRule).SingleOrDefault(rule => rule.Value<string>("name") == name);

    private int AccessGroups => site.Store.Count(QrsTypes.ProfessionalAccessGroup) + site.Store.Count(QrsTypes.AnalyzerAccessGroup);

    /// <summary>The users of the site whose groups include <paramref name="group"/>, as DIRECTORY\userId, by directory and user id.</summary>
    private string[] UsersInGroup(string group) => site.Store.All(QrsTypes.User)
        .Where(user => (user["attributes"] as JArray ?? []).Any(attribute => attribute.Value<string>("attributeValue") == group))
        .OrderBy(user => user.Value<string>("userDirectory"), StringComparer.OrdinalIgnoreCase)
        .ThenBy(user => user.Value<string>("userId"), StringComparer.OrdinalIgnoreCase)
        .Select(user => user.Value<string>("userDirectory") + "\\" + user.Value<string>("userId"))
        .ToArray();

    /// <summary>Someone else edits the rule in the QMC: new text, a later modifiedDate, their name.</summary>
    /// <returns>The new modifiedDate as QRS writes it.</returns>
    private string ChangeBehindTheModulesBack(string name, string ruleText)
    {
        var changed = (JObject)StoredRule(name).DeepClone();
        changed["rule"] = ruleText;
        changed["modifiedDate"] = QrsDates.Format(site.Store.Clock.UtcNow.AddMinutes(5));
        changed["modifiedByUserName"] = "CORP\\otheradmin";
        site.Store.Replace(QrsTypes.SystemRule, changed);
        return changed.Value<string>("modifiedDate");
    }

    [Fact]
    public void Changing_or_removing_a_rule_records_it_as_it_was_before_the_change_is_sent()
    {
        var journal = Path.Combine(tempFolder, "rules.jsonl");
        session.SetVariable("rulesJournal", journal);

        var changed = session.Invoke("Get-QlikLicenseRule -Name 'Sales analyzers' | Set-QlikLicenseRule -Comment 'Reviewed' -JournalPath $rulesJournal -Confirm:$false");
        Assert.Empty(changed.AllErrors);
        var removed = session.Invoke("Get-QlikLicenseRule -Name 'Sales analyzers' | Remove-QlikLicenseRule -JournalPath $rulesJournal -Confirm:$false");
        Assert.Empty(removed.AllErrors);

        // Intent, then outcome, of each change; the intent holds the rule as it was.
        var lines = File.ReadAllLines(journal).Select(Newtonsoft.Json.Linq.JObject.Parse).ToList();
        Assert.Equal(new[] { "RuleChange", "RuleChange", "RuleRemove", "RuleRemove" }, lines.Select(line => (string)line["event"]));
        Assert.Equal(new string[] { null, "Changed", null, "Removed" }, lines.Select(line => (string)line["outcome"]));
        Assert.All(lines.Where(line => line["outcome"] == null), line => Assert.Equal(SeedRuleText, (string)line["ruleBefore"]!["rule"]));
        Assert.Equal("", (string)lines[0]["ruleBefore"]!["comment"]);
        Assert.Equal("Reviewed", (string)lines[2]["ruleBefore"]!["comment"]);
        Assert.Equal("Analyzer", (string)lines[0]["type"]);
        Assert.Empty(session.Invoke("Get-QlikLicenseRule -Name 'Sales analyzers'").Output);
    }

    [Fact]
    public void Nothing_is_removed_when_the_record_cannot_be_written()
    {
        File.WriteAllText(Path.Combine(tempFolder, "file"), "");
        session.SetVariable("badJournal", Path.Combine(tempFolder, "file", "rules.jsonl"));

        var result = session.Invoke("Get-QlikLicenseRule -Name 'Sales analyzers' | Remove-QlikLicenseRule -JournalPath $badJournal -Confirm:$false");

        Assert.Equal("JournalNotWritable", result.FirstErrorId);
        Assert.Single(session.Invoke("Get-QlikLicenseRule -Name 'Sales analyzers'").Output);
        Assert.Equal(0, site.Requests.Count("DELETE"));
    }

    [Fact]
    public void Get_returns_typed_rules_joined_to_their_access_groups()
    {
        var result = session.Invoke("Get-QlikLicenseRule");

        Assert.Empty(result.AllErrors);
        var rule = Assert.Single(result.Output);
        Assert.True(rule.IsA("QlikLicense.Rules.LicenseRule"));
        Assert.Equal("Sales analyzers", rule.Text("Name"));
        Assert.Equal("Analyzer", rule.Text("Type"));
        Assert.Equal(SeedRuleText, rule.Text("Rule"));
        Assert.False(rule.Get<bool>("Disabled"));
        var stored = StoredRule("Sales analyzers");
        Assert.Equal(Guid.Parse(stored.Value<string>("id")), rule.Get<Guid>("Id"));
        Assert.Equal("License.AnalyzerAccessGroup_" + rule.Get<Guid?>("AccessGroupId"), stored.Value<string>("resourceFilter"));
        Assert.Equal("Sales analyzers", rule.Text("AccessGroupName"));
        Assert.Equal(DateTimeKind.Utc, rule.Get<DateTime?>("ModifiedDate")!.Value.Kind);
        Assert.Equal(1, site.Requests.Count("GET", "/qrs/systemrule/full"));
        Assert.Equal("category eq 'License'", site.Requests.Snapshot().First(entry => entry.Path == "/qrs/systemrule/full").Filter);
    }

    [Fact]
    public void Get_filters_by_type_name_wildcard_and_id()
    {
        var id = StoredRule("Sales analyzers").Value<string>("id");

        Assert.Empty(session.Invoke("Get-QlikLicenseRule -Type Professional").Output);
        Assert.Single(session.Invoke("Get-QlikLicenseRule -Type Analyzer -Name 'sales*'").Output);
        Assert.Single(session.Invoke($"Get-QlikLicenseRule -Id {id}").Output);
        var missing = session.Invoke("Get-QlikLicenseRule -Name 'No such rule'");
        Assert.Empty(missing.Output);
        Assert.Equal("LicenseRuleNotFound", missing.FirstErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, missing.FirstError.CategoryInfo.Category);
    }

    [Fact]
    public void A_rule_whose_access_group_is_gone_is_listed_with_a_warning()
    {
        var groupId = Guid.Parse(StoredRule("Sales analyzers").Value<string>("resourceFilter").Split('_')[1]);
        site.Store.Remove(QrsTypes.AnalyzerAccessGroup, groupId);

        var result = session.Invoke("Get-QlikLicenseRule");

        Assert.Single(result.Output);
        Assert.Contains("does not exist: the rule grants nothing", Assert.Single(result.Warnings));
    }

    [Fact]
    public void Round_trip_create_read_change_remove_keeps_quotes_and_non_ascii_letters()
    {
        const string text = "user.name=\"Conor O'Brien\" or user.userId=\"zoë.müller\" or user.group like \"Mark*\"";
        const string changedText = "(user.userDirectory=\"CORP EU\" and user.name like \"*ç*\") or user.name=\"Léa Martin\"";
        session.SetVariable("text", text);
        session.SetVariable("changedText", changedText);
        var groupsBefore = AccessGroups;

        var created = session.Invoke("New-QlikLicenseRule -Name 'Ünïcode \"quoted\" rule' -Type Professional -Rule $text -Comment 'Ticket #42: l''été'");
        Assert.Empty(created.AllErrors);
        var rule = Assert.Single(created.Output);
        Assert.Equal(text, rule.Text("Rule"));
        Assert.Equal(text, StoredRule("Ünïcode \"quoted\" rule").Value<string>("rule"));
        Assert.Equal(groupsBefore + 1, AccessGroups);
        Assert.Equal("License", StoredRule("Ünïcode \"quoted\" rule").Value<string>("category"));

        var read = session.Invoke("Get-QlikLicenseRule -Name 'Ünïcode*'");
        var readRule = Assert.Single(read.Output);
        Assert.Equal(text, readRule.Text("Rule"));
        Assert.Equal("Ticket #42: l'été", readRule.Text("Comment"));
        Assert.Equal("Professional", readRule.Text("Type"));

        var changed = session.Invoke("Get-QlikLicenseRule -Name 'Ünïcode*' | Set-QlikLicenseRule -Rule $changedText -Disabled -PassThru");
        Assert.Empty(changed.AllErrors);
        Assert.Equal(changedText, Assert.Single(changed.Output).Text("Rule"));
        Assert.True(Assert.Single(changed.Output).Get<bool>("Disabled"));
        Assert.Equal(changedText, StoredRule("Ünïcode \"quoted\" rule").Value<string>("rule"));
        Assert.Equal(1, site.Requests.Count("PUT", "/qrs/systemrule/"));

        var removed = session.Invoke("Get-QlikLicenseRule -Name 'Ünïcode*' | Remove-QlikLicenseRule -Confirm:$false");
        Assert.Empty(removed.AllErrors);
        Assert.Null(StoredRule("Ünïcode \"quoted\" rule"));
        Assert.Equal(groupsBefore, AccessGroups);
    }

    [Fact]
    public void Set_refuses_a_rule_changed_since_it_was_read_and_names_who_changed_it()
    {
        session.Invoke("$rule = Get-QlikLicenseRule -Name 'Sales analyzers'");
        var changedAt = ChangeBehindTheModulesBack("Sales analyzers", "user.group=\"Sales\" or user.group=\"Marketing\"");
        site.Requests.Clear();

        var result = session.Invoke("$rule | Set-QlikLicenseRule -Rule 'user.group=\"Press\"' -PassThru");

        Assert.Empty(result.Output);
        Assert.Equal("LicenseRuleChanged", result.FirstErrorId);
        Assert.Equal(ErrorCategory.InvalidOperation, result.FirstError.CategoryInfo.Category);
        Assert.Contains("CORP\\otheradmin", result.FirstError.Exception.Message);
        Assert.Contains($"at {changedAt.Replace('T', ' ').TrimEnd('Z')} UTC after it was read", result.FirstError.Exception.Message);
        Assert.Contains("Nothing was written", result.FirstError.Exception.Message);
        Assert.Equal(0, site.Requests.Count("PUT"));
        Assert.Equal("user.group=\"Sales\" or user.group=\"Marketing\"", StoredRule("Sales analyzers").Value<string>("rule"));
    }

    [Fact]
    public void A_409_from_a_change_between_read_and_write_is_the_same_clear_conflict()
    {
        // The other admin saves in the moment between the module's GET and its PUT.
        site.Faults.AppliesTo = (method, path) =>
        {
            if (method == "PUT" && path.StartsWith("/qrs/systemrule/", StringComparison.Ordinal))
                ChangeBehindTheModulesBack("Sales analyzers", "user.group=\"IT\"");
            return false;
        };

        var result = session.Invoke("Get-QlikLicenseRule -Name 'Sales analyzers' | Set-QlikLicenseRule -Comment 'mine'");

        Assert.Equal("LicenseRuleChanged", result.FirstErrorId);
        Assert.Contains("CORP\\otheradmin", result.FirstError.Exception.Message);
        Assert.Contains(site.Requests.Snapshot(), entry => entry.Method == "PUT" && entry.Status == 409);
        var stored = StoredRule("Sales analyzers");
        Assert.Equal("user.group=\"IT\"", stored.Value<string>("rule"));
        Assert.Equal("", stored.Value<string>("comment"));
    }

    [Fact]
    public void Set_by_id_toggles_enabled_and_writes_nothing_when_nothing_differs()
    {
        var id = StoredRule("Sales analyzers").Value<string>("id");

        var disabled = session.Invoke($"Set-QlikLicenseRule -Id {id} -Disabled -PassThru");
        Assert.True(Assert.Single(disabled.Output).Get<bool>("Disabled"));
        var enabled = session.Invoke($"Set-QlikLicenseRule -Id {id} -Enabled -PassThru");
        Assert.False(Assert.Single(enabled.Output).Get<bool>("Disabled"));
        Assert.Equal(2, site.Requests.Count("PUT"));

        var same = session.Invoke($"Set-QlikLicenseRule -Id {id} -Enabled -Verbose");
        Assert.Empty(same.AllErrors);
        Assert.Equal(2, site.Requests.Count("PUT"));
        Assert.Contains(same.Verbose, line => line.Contains("already has these values"));
        Assert.Equal("DisabledAndEnabled", session.Invoke($"Set-QlikLicenseRule -Id {id} -Enabled -Disabled").FirstErrorId);
        Assert.Equal("NothingToChange", session.Invoke($"Set-QlikLicenseRule -Id {id}").FirstErrorId);
    }

    [Fact]
    public void Set_WhatIf_says_how_many_users_the_new_text_would_grant_and_writes_nothing()
    {
        var before = StoredRule("Sales analyzers").ToString();
        var result = session.InvokeAsUser("Get-QlikLicenseRule -Name 'Sales analyzers' | Set-QlikLicenseRule -Rule '((user.group=\"Sales\" or user.group=\"Marketing\"))' -WhatIf");

        var line = Assert.Single(result.WhatIfLines);
        var grantsAfter = UsersInGroup("Sales").Union(UsersInGroup("Marketing")).Count();
        Assert.Contains($"; would grant {grantsAfter} users (grants {UsersInGroup("Sales").Length} users now)", line);
        Assert.Contains("on target \"Analyzer license rule 'Sales analyzers'\"", line);
        Assert.Equal(0, site.Requests.Count("PUT"));
        Assert.Equal(before, StoredRule("Sales analyzers").ToString());
    }

    [Fact]
    public void New_WhatIf_previews_and_creates_nothing()
    {
        var groupsBefore = AccessGroups;
        var analyzer = session.InvokeAsUser("New-QlikLicenseRule -Name 'Finance analyzers' -Type Analyzer -Rule 'user.group=\"Finance\"' -WhatIf");
        var professional = session.InvokeAsUser("New-QlikLicenseRule -Name 'Finance pros' -Type Professional -Rule 'user.group=\"Finance\"' -WhatIf");

        Assert.Contains($"would grant {UsersInGroup("Finance").Length} users", Assert.Single(analyzer.WhatIfLines));
        // The seed site has no Professional access group, so there is nothing to evaluate the text against.
        Assert.Contains("no Professional access group exists yet", Assert.Single(professional.WhatIfLines));
        Assert.Equal(groupsBefore, AccessGroups);
        Assert.Equal(0, site.Requests.Count("POST", "/qrs/license/"));
        Assert.Equal(0, site.Requests.Count("POST", "/qrs/systemrule") - site.Requests.Count("POST", "/qrs/systemrule/license/audit"));
    }

    [Fact]
    public void New_removes_the_access_group_it_made_when_the_system_rule_fails()
    {
        var groupsBefore = AccessGroups;
        site.Faults.AppliesTo = (method, path) => method == "POST" && path == "/qrs/systemrule";
        site.Faults.FailNext(FaultKind.ServiceUnavailable);

        var result = session.Invoke("New-QlikLicenseRule -Name 'Doomed' -Type Analyzer -Rule 'user.group=\"IT\"'");

        Assert.Empty(result.Output);
        Assert.Equal("QrsServerError", result.FirstErrorId);
        Assert.Equal(groupsBefore, AccessGroups);
        Assert.Equal(1, site.Requests.Count("DELETE", "/qrs/license/analyzeraccessgroup/"));
        Assert.Null(StoredRule("Doomed"));
    }

    [Fact]
    public void New_keeps_a_rule_whose_answer_was_lost_instead_of_orphaning_it()
    {
        site.Faults.AppliesTo = (method, path) => method == "POST" && path == "/qrs/systemrule";
        site.Faults.FailNext(FaultKind.ResetAfter);

        var result = session.Invoke("New-QlikLicenseRule -Name 'Lost answer' -Type Analyzer -Rule 'user.group=\"IT\"'");

        Assert.Empty(result.AllErrors);
        Assert.Equal("Lost answer", Assert.Single(result.Output).Text("Name"));
        Assert.NotNull(StoredRule("Lost answer"));
        Assert.Equal(0, site.Requests.Count("DELETE"));
    }

    [Fact]
    public void New_refuses_a_name_that_is_taken()
    {
        var result = session.Invoke("New-QlikLicenseRule -Name 'sales ANALYZERS' -Type Professional -Rule 'user.group=\"IT\"'");

        Assert.Equal("LicenseRuleExists", result.FirstErrorId);
        Assert.Equal(0, site.Requests.Count("POST", "/qrs/license/"));
    }

    [Fact]
    public void Remove_asks_first_and_removes_rule_and_access_group()
    {
        var groupsBefore = AccessGroups;
        session.Host.ChoiceAnswers.Enqueue("N");
        var declined = session.Invoke("Get-QlikLicenseRule | Remove-QlikLicenseRule");
        Assert.NotNull(StoredRule("Sales analyzers"));
        Assert.Equal(0, site.Requests.Count("DELETE"));

        session.Host.ChoiceAnswers.Enqueue("Y");
        var removed = session.Invoke("Get-QlikLicenseRule | Remove-QlikLicenseRule");

        Assert.Equal(1, declined.HostLines.Count(line => line.Stream == HostStream.Prompt));
        Assert.Empty(removed.AllErrors);
        Assert.Null(StoredRule("Sales analyzers"));
        Assert.Equal(groupsBefore - 1, AccessGroups);
    }

    [Fact]
    public void Test_shows_the_users_rule_text_would_grant_before_it_is_saved()
    {
        var result = session.Invoke("Test-QlikLicenseRule -Rule '(user.group=\"Finance\" or user.name like \"*Müller\") and user.userDirectory=\"CORP EU\"' -Type Analyzer");

        Assert.Empty(result.AllErrors);
        Assert.All(result.Output, user => Assert.True(user.IsA("QlikLicense.Rules.MatchedUser")));
        Assert.Equal(["CORP EU\\d'angelo", "CORP EU\\kschmidt", "CORP EU\\zoë.müller"], result.Output.Select(user => user.Text("Identity")).ToArray());
        Assert.Equal(1, site.Requests.Count("POST", "/qrs/systemrule/license/audit/preview"));
        Assert.Equal(1, site.Requests.Count("POST", "/qrs/systemrule/license/audit"));
    }

    [Fact]
    public void Test_of_a_saved_rule_asks_the_audit_and_names_the_rule()
    {
        var result = session.Invoke("Get-QlikLicenseRule -Name 'Sales analyzers' | Test-QlikLicenseRule");

        Assert.Equal(UsersInGroup("Sales"), result.Output.Select(user => user.Text("Identity")).ToArray());
        Assert.All(result.Output, user => Assert.Equal("Sales analyzers", user.Text("RuleName")));
        Assert.Equal(1, site.Requests.Count("POST", "/qrs/systemrule/license/audit"));
        Assert.Equal(0, site.Requests.Count("POST", "/qrs/systemrule/license/audit/preview"));
    }

    [Fact]
    public void Test_of_broken_rule_text_is_a_clear_error()
    {
        var result = session.Invoke("Test-QlikLicenseRule -Rule 'user.group=' -Type Analyzer");

        Assert.Empty(result.Output);
        Assert.Equal("LicenseRuleInvalid", result.FirstErrorId);
        Assert.Contains("A value is missing", result.FirstError.Exception.Message);
    }

    [Fact]
    public void A_system_rule_that_is_not_a_license_rule_is_left_alone()
    {
        var now = QrsDates.Format(site.Store.Clock.UtcNow);
        var security = site.Store.Add(QrsTypes.SystemRule, new JObject
        {
            ["id"] = Guid.NewGuid().ToString(), ["createdDate"] = now, ["modifiedDate"] = now, ["modifiedByUserName"] = "INTERNAL\\sa_repository",
            ["category"] = "Security", ["type"] = "Custom", ["name"] = "Stream access", ["rule"] = "true", ["resourceFilter"] = "Stream_*",
            ["actions"] = 2, ["disabled"] = false, ["comment"] = "",
        });

        var result = session.Invoke($"Set-QlikLicenseRule -Id {security.Value<string>("id")} -Rule 'false'");

        Assert.Equal("NotALicenseRule", result.FirstErrorId);
        Assert.Equal(0, site.Requests.Count("PUT"));
    }
}
