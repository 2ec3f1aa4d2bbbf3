using System.Management.Automation;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Module.Tests;

/// <summary>Test-QlikLicenseMonitor against each state the simulator can put the License Monitor in.</summary>
public sealed class LicenseMonitorTests : SiteSessionTest
{



    private PSObject Check(LicenseMonitorState state, string parameters = "")
    {
        site.Store.SetLicenseMonitor(state);
        site.Requests.Clear();
        var result = session.Invoke("Test-QlikLicenseMonitor " + parameters);
        Assert.Empty(result.AllErrors);
        var status = Assert.Single(result.Output);
        Assert.True(status.IsA("QlikLicense.Model.LicenseMonitorStatus"));
        return status;
    }

    private Guid PublishedAppId => Guid.Parse(site.Store.All("app")
        .Single(app => app.Value<bool>("published") && app["stream"]?.Value<string>("name") == "Monitoring apps")
        .Value<string>("id"));

    [Fact]
    public void Healthy_the_published_app_in_monitoring_apps_counts_in_two_requests()
    {
        var status = Check(LicenseMonitorState.Healthy);

        Assert.True(status.Get<bool>("IsOperational"));
        Assert.Null(status.Get("Reason"));
        Assert.Equal(PublishedAppId, status.Get("AppId"));
        Assert.InRange(DateTime.UtcNow - status.Get<DateTime>("LastReloadTime"), TimeSpan.FromHours(2.9), TimeSpan.FromHours(3.1));
        Assert.Equal("FinishedSuccess", status.Text("LastTaskStatus"));
        Assert.Equal("Reload License Monitor", status.Text("TaskName"));
        Assert.InRange(status.Get<DateTime>("NextExecution") - DateTime.UtcNow, TimeSpan.FromHours(23.9), TimeSpan.FromHours(24.1));

        var requests = site.Requests.Snapshot();
        Assert.Equal(2, requests.Count);
        Assert.Equal(("/qrs/app/full", "name eq 'License Monitor'"), (requests[0].Path, requests[0].Filter));
        Assert.Equal(("/qrs/reloadtask/full", $"app.id eq {PublishedAppId}"), (requests[1].Path, requests[1].Filter));
    }

    [Fact]
    public void Never_reloaded_says_so()
    {
        var status = Check(LicenseMonitorState.NeverReloaded);

        Assert.False(status.Get<bool>("IsOperational"));
        Assert.Equal("It has never been reloaded.", status.Text("Reason"));
        Assert.Null(status.Get("LastReloadTime"));
        Assert.Equal("NeverStarted", status.Text("LastTaskStatus"));
    }

    [Fact]
    public void A_failed_last_reload_is_not_operational_even_when_the_data_is_recent()
    {
        var status = Check(LicenseMonitorState.LastReloadFailed);

        Assert.False(status.Get<bool>("IsOperational"));
        Assert.StartsWith("Its last reload failed: task 'Reload License Monitor', started ", status.Text("Reason"));
        Assert.EndsWith("ended FinishedFail.", status.Text("Reason"));
        Assert.Equal("FinishedFail", status.Text("LastTaskStatus"));
    }

    [Fact]
    public void Stale_data_is_judged_against_maximum_age()
    {
        var stale = Check(LicenseMonitorState.Stale);
        Assert.False(stale.Get<bool>("IsOperational"));
        Assert.Matches(@"^Its data is 10 days old \(last reloaded \d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{3} UTC\), older than the maximum age of 2 days\.$", stale.Text("Reason"));
        Assert.Null(stale.Get("NextExecution"));

        var lenient = Check(LicenseMonitorState.Stale, "-MaximumAge 11.00:00:00");
        Assert.True(lenient.Get<bool>("IsOperational"));
        Assert.Equal(TimeSpan.FromDays(11), lenient.Get("MaximumAge"));

        var strict = Check(LicenseMonitorState.Healthy, "-MaximumAge ([timespan]::FromHours(1))");
        Assert.False(strict.Get<bool>("IsOperational"));
        Assert.Contains("older than the maximum age of 1 hour.", strict.Text("Reason"));
    }

    [Fact]
    public void Missing_when_only_unpublished_copies_exist()
    {
        var status = Check(LicenseMonitorState.Missing);

        Assert.False(status.Get<bool>("IsOperational"));
        Assert.StartsWith("No 'License Monitor' app is published in the 'Monitoring apps' stream. The site holds 1 other app(s) of that name (unpublished)", status.Text("Reason"));
        Assert.Null(status.Get("AppId"));
        Assert.Equal(1, site.Requests.Count("GET", "/qrs/"));
    }

    [Fact]
    public void Every_reason_that_holds_is_given()
    {
        var status = Check(LicenseMonitorState.LastReloadFailed, "-MaximumAge 1.00:00:00");

        Assert.Contains("Its last reload failed", status.Text("Reason"));
        Assert.Contains("older than the maximum age of 1 day.", status.Text("Reason"));
    }

    [Fact]
    public void Task_status_is_read_as_a_number_or_a_name_and_a_disabled_task_is_reported()
    {
        site.Store.SetLicenseMonitor(LicenseMonitorState.Healthy);
        var task = (JObject)site.Store.All("reloadtask").Single().DeepClone();
        task["operational"]!["lastExecutionResult"]!["status"] = "Aborted";
        task["enabled"] = false;
        site.Store.Replace("reloadtask", task);

        var result = session.Invoke("Test-QlikLicenseMonitor");

        var status = Assert.Single(result.Output);
        Assert.Equal("Aborted", status.Text("LastTaskStatus"));
        Assert.False(status.Get<bool>("IsOperational"));
        Assert.Contains("Its last reload failed", status.Text("Reason"));
        Assert.EndsWith("Its reload task is disabled.", status.Text("Reason"));
        Assert.Null(status.Get("NextExecution"));
    }

    [Fact]
    public void No_reload_task_means_it_will_not_reload()
    {
        site.Store.SetLicenseMonitor(LicenseMonitorState.Healthy);
        site.Store.Remove("reloadtask", Guid.Parse(site.Store.All("reloadtask").Single().Value<string>("id")));

        var status = Assert.Single(session.Invoke("Test-QlikLicenseMonitor").Output);

        Assert.False(status.Get<bool>("IsOperational"));
        Assert.Equal("It has no reload task, so it will not be reloaded.", status.Text("Reason"));
        Assert.Null(status.Get("TaskName"));
    }

    [Fact]
    public void A_bare_number_for_maximum_age_is_refused_as_ticks()
    {
        var result = session.Invoke("Test-QlikLicenseMonitor -MaximumAge 3");

        Assert.Equal("InvalidMaximumAge", result.FirstErrorId);
        Assert.Contains("New-TimeSpan -Days 3", result.FirstError.Exception.Message);
        Assert.Equal(0, site.Requests.Count("GET", "/qrs/app"));
    }

    [Fact]
    public void Not_connected_is_the_usual_error()
    {
        using var offline = new ModuleSession();

        Assert.Equal("NotConnected", offline.Invoke("Test-QlikLicenseMonitor").FirstErrorId);
    }

    [Fact]
    public void The_console_shows_a_list_with_utc_times()
    {
        site.Store.SetLicenseMonitor(LicenseMonitorState.Stale);

        var result = session.InvokeAsUser("Test-QlikLicenseMonitor");

        Assert.Contains(result.HostLines, line => line.Text.StartsWith("IsOperational") && line.Text.EndsWith(": False"));
        Assert.Contains(result.HostLines, line => line.Text.StartsWith("LastReloadTime (UTC)") && line.Text.Contains(DateTime.UtcNow.AddDays(-10).ToString("yyyy-MM-dd")));
    }
}
