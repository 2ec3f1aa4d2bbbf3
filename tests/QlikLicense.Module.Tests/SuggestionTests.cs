using System.Collections;
using System.Management.Automation.Language;

namespace QlikLicense.Module.Tests;

/// <summary>
/// Get-QlikLicenseSuggestion and the routine's suggestions through the engine, on the simulated site with the users,
/// rules and denial log of <see cref="DeniedGroupsScenario"/>.
/// </summary>
public sealed class SuggestionTests : SiteSessionTest
{
    private const string Findings = "@(Get-QlikLicenseDenial -Path $logs) + @(Get-QlikInactiveLicensedUser)";

    protected override void Prepare()
    {
        DeniedGroupsScenario.Apply(site.Store);
        var logs = Path.Combine(tempFolder, "logs");
        DeniedGroupsScenario.WriteLog(logs, new DateTime(2026, 11, 20, 9, 0, 0, DateTimeKind.Utc));
        session.SetVariable("logs", logs);
        session.SetVariable("journal", Path.Combine(tempFolder, "journal.jsonl"));
    }

    private string RuleText(string name) => site.Store.All(QrsTypes.SystemRule).Single(rule => rule.Value<string>("name") == name).Value<string>("rule");

    private bool Disabled(string name) => site.Store.All(QrsTypes.SystemRule).Single(rule => rule.Value<string>("name") == name).Value<bool>("disabled");

    /// <summary>Each -Parameter of a command and the text PowerShell reads as its value ("true" for a switch).</summary>
    private static Dictionary<string, string> ParsedParameters(string command)
    {
        var ast = Parser.ParseInput(command, out _, out var errors);
        Assert.Empty(errors);
        var elements = ast.FindAll(node => node is CommandAst, true).Cast<CommandAst>().Single().CommandElements;
        var parsed = new Dictionary<string, string>();
        for (var index = 1; index < elements.Count; index++)
        {
            var name = ((CommandParameterAst)elements[index]).ParameterName;
            var value = index + 1 < elements.Count && elements[index + 1] is not CommandParameterAst ? elements[++index] : null;
            parsed[name] = value switch
            {
                null => "true",
                StringConstantExpressionAst text => text.Value,
                ArrayLiteralAst list => string.Join("|", list.Elements.Cast<StringConstantExpressionAst>().Select(text => text.Value)),
                _ => throw new InvalidOperationException("unexpected " + value.GetType().Name),
            };
        }
        return parsed;
    }

    private static string Flat(object value) => value switch
    {
        bool => "true",
        IEnumerable list and not string => string.Join("|", list.Cast<object>()),
        _ => value.ToString(),
    };

    [Fact]
    public void Denials_and_inactive_users_piped_in_give_suggestions_whose_command_text_says_what_their_parameters_say()
    {
        var result = session.Invoke(Findings + " | Get-QlikLicenseSuggestion -MinimumDenied 5");

        Assert.Empty(result.AllErrors);
        Assert.All(result.Output, suggestion => Assert.True(suggestion.IsA("QlikLicense.Model.LicenseSuggestion")));
        Assert.Equal(new[] { "ExcludeFromRule", "Allocate", "Allocate", "Allocate", "Allocate", "FreeSeats" }, result.Output.Select(item => item.Text("Kind")));
        var support = result.Output.Single(item => item.Text("Group") == "Support");
        Assert.Equal("Add-QlikLicenseAllocation -Type Analyzer -UserDirectory 'CORP' -UserId 'mary ann', 'o''neil', 'support1', 'support4'", support.Text("Command"));
        foreach (var suggestion in result.Output)
        {
            var parameters = suggestion.Get<System.Collections.Specialized.OrderedDictionary>("Parameters");
            Assert.Equal(parameters.Keys.Cast<string>().ToDictionary(key => key, key => Flat(parameters[key])), ParsedParameters(suggestion.Text("Command")));
        }
    }

    [Fact]
    public void A_runbook_carries_the_suggestions_out_by_splatting_and_then_only_the_missing_seats_are_left()
    {
        var result = session.Invoke("$suggestions = " + Findings + " | Get-QlikLicenseSuggestion\n" +
            "foreach ($suggestion in $suggestions) { $parameters = $suggestion.Parameters; & $suggestion.CommandName @parameters -Connection $suggestion.Connection -JournalPath $journal -Confirm:$false }\n" +
            "$suggestions");

        Assert.Empty(result.AllErrors);
        var exclusion = result.Output.Single(item => item.Text("Kind") == "ExcludeFromRule");
        Assert.Equal(exclusion.Get<System.Collections.Specialized.OrderedDictionary>("Parameters")["Rule"], RuleText("Sales analyzers"));
        Assert.False(Disabled(DeniedGroupsScenario.FinanceRule));
        var wanda = site.Store.FindUser("CORP", "wmaximoff").Value<string>("id");
        Assert.NotNull(site.Store.FindAllocation(AccessKind.Analyzer, Guid.Parse(wanda)));

        var after = session.Invoke(Findings + " | Get-QlikLicenseSuggestion");
        Assert.Empty(after.AllErrors);
        // The rules grant every denied group now; the Professional ones lack seats, and no inactive user holds one to release.
        var seats = Assert.Single(after.Output);
        Assert.Equal(("FreeSeats", "Professional", "Get-QlikLicenseSummary"), (seats.Text("Kind"), seats.Text("Type"), seats.Text("Command")));
    }

    [Fact]
    public void The_monthly_run_reports_the_groups_and_suggestions_and_its_html_report_shows_them_encoded()
    {
        var result = session.Invoke("Invoke-QlikLicenseMaintenance -LogPath $logs -Since 2019-01-01 -ReportPath \"$temp/report.html\" -PassThru");

        Assert.Empty(result.AllErrors);
        var report = result.Output.Single();
        Assert.Equal(6, report.Get<ICollection>("DeniedGroups").Count);
        Assert.Equal(6, report.Get<ICollection>("Suggestions").Count);
        var html = File.ReadAllText(Path.Combine(tempFolder, "report.html"));
        Assert.Contains("id=\"decisions\"", html);
        Assert.Contains("<td>Ops &lt;EU&gt;</td>", html);
        Assert.Contains("-Rule &#39;((user.group=&quot;Sales&quot; or user.group=&quot;Support&quot; or user.group=&quot;Ops &lt;EU&gt;&quot;))&#39;", html);
        Assert.Contains("Add-QlikLicenseAllocation -Type Analyzer -UserDirectory &#39;CORP&#39; -UserId &#39;wmaximoff&#39;", html);
    }

    [Fact]
    public void What_the_monthly_run_allocated_itself_is_not_suggested_again()
    {
        var result = session.Invoke("Invoke-QlikLicenseMaintenance -LogPath $logs -Since 2019-01-01 -AllocateDenied Analyzer -JournalPath $journal -Confirm:$false -PassThru");

        Assert.Empty(result.AllErrors);
        var suggestions = result.Output.Single().Get<IEnumerable>("Suggestions").Cast<object>().Select(System.Management.Automation.PSObject.AsPSObject).ToList();
        Assert.Equal(new[] { "ExcludeFromRule" }, suggestions.Select(item => item.Text("Kind")));
    }

    [Fact]
    public void An_object_that_is_not_a_finding_is_an_error_and_the_others_are_decided_on()
    {
        var result = session.Invoke("@(Get-QlikUser -UserId wmaximoff) + @(Get-QlikInactiveLicensedUser) | Get-QlikLicenseSuggestion");

        Assert.Equal("InvalidInputObject", result.FirstErrorId);
        Assert.Equal(new[] { "ExcludeFromRule" }, result.Output.Select(item => item.Text("Kind")));
    }
}
