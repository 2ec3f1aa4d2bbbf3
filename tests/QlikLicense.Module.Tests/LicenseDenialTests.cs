using System.Globalization;
using System.Management.Automation;
using System.Text;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Module.Tests;

/// <summary>
/// Get-QlikLicenseDenial through the engine. The fixture site is QlikLicense.Tests' own two-node log folder (see
/// tests/QlikLicense.Tests/Logs/LogTestFiles.cs): people CORP\jdoe (4 denials; in the seed, with a Professional
/// allocation), CORP\Zoë O'Brien, CORP\ext\partner and CORP\nolog (1 each; not in the seed), and the service
/// account DOMAIN\qlikservice (2).
/// </summary>
public sealed class LicenseDenialTests : SiteSessionTest
{
    private static readonly string FixtureSite = Path.Combine(RepositoryPaths.Root, "tests", "QlikLicense.Tests", "Fixtures", "logs", "site");


    protected override void Prepare()
    {
        session.SetVariable("fixture", FixtureSite);
    }


    private static string[] Users(ScriptResult result) =>
        result.Output.Select(denial => $"{denial.Text("UserDirectory")}\\{denial.Text("UserId")}:{denial.Text("Count")}").ToArray();

    [Fact]
    public void A_folder_is_searched_recursively_and_gives_one_object_per_person()
    {
        var result = session.Invoke("Get-QlikLicenseDenial -Path $fixture");

        Assert.Empty(result.AllErrors);
        Assert.Equal(new[] { @"CORP\ext\partner:1", @"CORP\jdoe:4", @"CORP\nolog:1", @"CORP\Zoë O'Brien:1" }, Users(result));
        var jdoe = result.Output.Single(denial => denial.Text("UserId") == "jdoe");
        Assert.True(jdoe.IsA("QlikLicense.Model.LicenseDenial"));
        Assert.Equal(new DateTime(2024, 3, 4, 8, 15, 30, 120, DateTimeKind.Utc), jdoe.Get<DateTime>("FirstDenied"));
        Assert.Equal(DateTimeKind.Utc, jdoe.Get<DateTime>("LastDenied").Kind);
        Assert.Equal(new[] { "::ffff:10.0.0.21", "::ffff:10.0.0.22" }, jdoe.Get<IReadOnlyList<string>>("Hostnames"));
        Assert.Equal(5, jdoe.Get<IReadOnlyList<string>>("Files").Count);
        Assert.All(jdoe.Get<IReadOnlyList<string>>("Files"), file => Assert.StartsWith(FixtureSite, file));
    }

    [Fact]
    public void Connected_it_adds_each_users_repository_record_and_allocations()
    {
        var result = session.Invoke("Get-QlikLicenseDenial -Path $fixture");

        var jdoe = result.Output.Single(denial => denial.Text("UserId") == "jdoe");
        Assert.Equal(Guid.Parse("7c1e2a10-0000-4000-8000-000000000001"), jdoe.Get("UserKey"));
        Assert.Equal("John Doe", jdoe.Text("Name"));
        Assert.Equal(new[] { "Sales" }, jdoe.Get<IReadOnlyList<string>>("Groups"));
        Assert.Equal(false, jdoe.Get("Inactive"));
        Assert.Equal(new[] { "Professional" }, ((System.Collections.IEnumerable)jdoe.Get("AllocatedAccessTypes")).Cast<object>().Select(type => type.ToString()));
        Assert.Equal(site.HostName + ":" + site.QrsPort, jdoe.Get("Connection").ToString());

        // Not in the repository: found nothing, says so by an empty key; the quote in the id reached QRS escaped.
        var zoe = result.Output.Single(denial => denial.Text("UserId") == "Zoë O'Brien");
        Assert.Null(zoe.Get("UserKey"));
        Assert.Null(zoe.Get("Inactive"));
        Assert.Contains(site.Requests.Snapshot(), request => request.Filter != null && request.Filter.Contains(@"userId eq 'Zoë O\'Brien'"));
        Assert.Equal(1, site.Requests.Count("GET", "/qrs/user/full"));
    }

    [Fact]
    public void Quarantined_allocations_are_told_apart_from_held_ones()
    {
        var user = site.Store.AddUser("CORP", "nolog", "No Log", new[] { "Interns" });
        site.Store.AddAllocation(AccessKind.Analyzer, Guid.Parse((string)user["id"]), DateTime.UtcNow.AddDays(-2), quarantined: true, quarantineEndUtc: DateTime.UtcNow.AddDays(5));

        var nolog = session.Invoke("Get-QlikLicenseDenial -Path $fixture").Output.Single(denial => denial.Text("UserId") == "nolog");

        Assert.Empty((System.Collections.IEnumerable)nolog.Get("AllocatedAccessTypes"));
        Assert.Equal(new[] { "Analyzer" }, ((System.Collections.IEnumerable)nolog.Get("QuarantinedAccessTypes")).Cast<object>().Select(type => type.ToString()));
        Assert.Equal(new[] { "Interns" }, nolog.Get<IReadOnlyList<string>>("Groups"));
    }

    [Fact]
    public void DOMAIN_administrator_of_the_public_sample_joins_the_seed_user_by_name()
    {
        WriteAuditLog("node/Log/Repository/Audit/SRV_AuditSecurity_Repository.txt", TimeSpan.FromHours(1),
            (@"DOMAIN", "administrator", new DateTime(2026, 1, 5, 9, 0, 0, DateTimeKind.Utc)),
            (@"DOMAIN", "Administrator", new DateTime(2026, 1, 5, 9, 5, 0, DateTimeKind.Utc)));

        var administrator = Assert.Single(session.Invoke("Get-QlikLicenseDenial -Path $temp").Output);

        Assert.Equal(2, administrator.Get("Count"));
        Assert.Equal(Guid.Parse("c85d8ce4-b05e-467c-9810-e1a339318819"), administrator.Get("UserKey"));
        Assert.Equal("Administrator", administrator.Text("Name"));
    }

    [Fact]
    public void The_number_of_requests_does_not_grow_with_the_number_of_denied_users()
    {
        int RequestsFor(int userCount)
        {
            var folder = Path.Combine(tempFolder, "users" + userCount);
            var denials = Enumerable.Range(1, userCount)
                .Select(index => ("CORP", $"denied{userCount}-{index:000}", new DateTime(2026, 2, 1, 8, 0, 0, DateTimeKind.Utc).AddMinutes(index)))
                .ToArray();
            foreach (var (directory, userId, _) in denials) site.Store.AddUser(directory, userId, "Denied " + userId, new[] { "Group " + userId });
            WriteAuditLog(Path.Combine(folder, "SRV_AuditSecurity_Repository.txt"), TimeSpan.FromHours(-5), denials);

            site.Requests.Clear();
            var result = session.Invoke($"Get-QlikLicenseDenial -Path '{folder}'");
            Assert.Empty(result.AllErrors);
            Assert.Equal(userCount, result.Output.Count);
            Assert.All(result.Output, denial =>
            {
                Assert.NotNull(denial.Get("UserKey"));
                Assert.Equal(new[] { "Group " + denial.Text("UserId") }, denial.Get<IReadOnlyList<string>>("Groups"));
            });
            // Neither does any URL: a filter naming every user gives way to a shorter one.
            Assert.All(site.Requests.Snapshot(), request => Assert.InRange(request.RawQuery.Length, 1, 4200));
            return site.Requests.Count("GET", "/qrs/");
        }

        var few = RequestsFor(3);
        var many = RequestsFor(200);

        // The users, the allocations of each per-user access type (Professional, Analyzer, UserAccess), and the license
        // (whether it was usable when they were refused).
        Assert.Equal(5, few);
        Assert.Equal(few, many);
    }

    [Fact]
    public void Denied_people_pipe_into_Add_QlikLicenseAllocation_by_property_name()
    {
        var result = session.Invoke("Get-QlikLicenseDenial -Path $fixture | Where-Object UserKey | Add-QlikLicenseAllocation -Type Analyzer -WhatIf");

        Assert.Empty(result.AllErrors);
        var whatIf = Assert.Single(result.WhatIfLines);
        Assert.Contains("Analyzer", whatIf);
        Assert.Contains(@"CORP\jdoe", whatIf);
        Assert.Equal(0, site.Requests.Count("POST"));
        // CORP\jdoe holds Professional in the seed: the preview says the Analyzer seat would be spare.
        Assert.StartsWith(@"CORP\jdoe (John Doe) holds Professional access, which gives everything Analyzer does", Assert.Single(result.Warnings));
    }

    [Fact]
    public void Wildcards_pick_folders_and_files_in_any_segment()
    {
        var folders = session.Invoke("Get-QlikLicenseDenial -Path \"$fixture/node2/Log/Proxy/*\" -Raw");
        Assert.Empty(folders.AllErrors);
        Assert.Equal(3, folders.Output.Count);
        Assert.All(folders.Output, denial => Assert.Equal("jdoe", denial.Text("UserId")));
        Assert.All(folders.Output, denial => Assert.All(denial.Get<IReadOnlyList<string>>("Files"), file => Assert.Contains("node2", file)));

        var files = session.Invoke("Get-QlikLicenseDenial -Path \"$fixture/*/Log/Repository/*/*_License_*.txt\" -Raw");
        Assert.Empty(files.AllErrors);
        Assert.Equal(6, files.Output.Count);
        Assert.All(files.Output, denial => Assert.Equal("License_Repository", denial.Text("Source")));

        var nothing = session.Invoke("Get-QlikLicenseDenial -Path \"$fixture/*.none\"");
        Assert.Empty(nothing.AllErrors);
        Assert.Empty(nothing.Output);
    }

    [Fact]
    public void A_missing_path_is_one_error_and_the_other_paths_are_still_read()
    {
        var missing = Path.Combine(tempFolder, "no-such-folder");
        var result = session.Invoke($"Get-QlikLicenseDenial -Path '{missing}', $fixture");

        var error = Assert.Single(result.Errors);
        Assert.Equal("LogPathNotFound", result.FirstErrorId);
        Assert.Equal(ErrorCategory.ObjectNotFound, error.CategoryInfo.Category);
        Assert.Equal(missing, error.TargetObject);
        Assert.Equal(4, result.Output.Count);
    }

    [Fact]
    public void A_folder_or_file_without_a_log_is_a_warning_not_a_quiet_month()
    {
        var empty = Directory.CreateDirectory(Path.Combine(tempFolder, "empty")).FullName;
        var notLogs = Directory.CreateDirectory(Path.Combine(tempFolder, "not-logs")).FullName;
        File.WriteAllText(Path.Combine(notLogs, "readme.txt"), "hello");
        File.WriteAllText(Path.Combine(notLogs, "notes.log"), "Timestamp\tLevel\n");

        var emptyFolder = session.Invoke($"Get-QlikLicenseDenial -Path '{empty}'");
        Assert.Empty(emptyFolder.AllErrors);
        Assert.Empty(emptyFolder.Output);
        Assert.Equal($"No Qlik Sense log was read: '{empty}' holds no files. No denial can be found there.", Assert.Single(emptyFolder.Warnings));

        var raw = session.Invoke($"Get-QlikLicenseDenial -Path '{notLogs}' -Raw");
        Assert.Empty(raw.AllErrors);
        Assert.Empty(raw.Output);
        Assert.StartsWith($"No Qlik Sense log was read: none of the 2 file(s) found at '{notLogs}'", Assert.Single(raw.Warnings));

        var script = Path.Combine(RepositoryPaths.Root, "docs", "examples", "monthly-runbook.ps1");
        var file = session.Invoke($"Get-QlikLicenseDenial -Path '{script}'");
        Assert.StartsWith($"No Qlik Sense log was read: none of the 1 file(s) found at '{script}'", Assert.Single(file.Warnings));

        // A path not found is its error alone; a folder that holds logs, even with no denial in the window, no warning.
        var missing = session.Invoke($"Get-QlikLicenseDenial -Path '{Path.Combine(tempFolder, "no-such-folder")}'");
        Assert.Equal("LogPathNotFound", missing.FirstErrorId);
        Assert.Empty(missing.Warnings);
        var quiet = session.Invoke("Get-QlikLicenseDenial -Path $fixture -Since ([datetime]'2030-01-01Z')");
        Assert.Empty(quiet.Output);
        Assert.Empty(quiet.Warnings);
    }

    [Fact]
    public void Raw_returns_one_object_per_denial_with_the_servers_offset()
    {
        var result = session.Invoke("Get-QlikLicenseDenial -Path $fixture -Raw");

        Assert.Equal(7, result.Output.Count);
        Assert.All(result.Output, denial => Assert.True(denial.IsA("QlikLicense.Logs.LicenseDenialEvent")));
        var first = result.Output[0];
        Assert.Equal(new DateTimeOffset(2024, 3, 4, 9, 15, 30, 120, TimeSpan.FromHours(1)), first.Get("Timestamp"));
        Assert.Equal("AppAccess", first.Text("Origin"));
        Assert.Equal(0, site.Requests.Count("GET", "/qrs/"));
    }

    [Fact]
    public void Since_and_until_are_instants_whatever_zone_the_caller_and_the_logs_use()
    {
        // The burst of CORP\jdoe was logged at 08:00:00.250 and 08:00:01.900 +0100 (07:00 UTC). The caller writes
        // the window in New York time; 02:00:01 -05:00 falls between the two denials.
        var result = session.Invoke("Get-QlikLicenseDenial -Path $fixture -Raw -Since ([datetime]'2024-03-05T02:00:00-05:00') -Until ([datetime]'2024-03-05T02:00:01-05:00')");

        var denial = Assert.Single(result.Output);
        Assert.Equal(new DateTime(2024, 3, 5, 7, 0, 0, 250, DateTimeKind.Utc), denial.Get("TimeUtc"));

        var utc = session.Invoke("Get-QlikLicenseDenial -Path $fixture -Since ([datetime]::SpecifyKind([datetime]'2024-03-05 07:00:01', 'Utc'))");
        Assert.Equal(new[] { @"CORP\ext\partner:1", @"CORP\jdoe:2", @"CORP\nolog:1" }, Users(utc));
    }

    [Fact]
    public void Since_after_until_is_refused()
    {
        var result = session.Invoke("Get-QlikLicenseDenial -Path $fixture -Since ([datetime]'2024-03-06Z') -Until ([datetime]'2024-03-05Z')");

        Assert.Equal("InvalidTimeWindow", result.FirstErrorId);
        Assert.Empty(result.Output);
    }

    [Fact]
    public void Service_accounts_only_with_the_switch_and_users_excluded_by_pattern()
    {
        Assert.DoesNotContain(session.Invoke("Get-QlikLicenseDenial -Path $fixture").Output, denial => denial.Text("UserId") == "qlikservice");

        var withService = session.Invoke("Get-QlikLicenseDenial -Path $fixture -IncludeServiceAccount").Output;
        var service = withService.Single(denial => denial.Text("UserId") == "qlikservice");
        Assert.Equal(2, service.Get("Count"));
        Assert.True(service.Get<bool>("IsServiceAccount"));
        Assert.Equal(5, withService.Count);

        var excluded = session.Invoke(@"Get-QlikLicenseDenial -Path $fixture -ExcludeUser 'corp\J*', '*\ext\*'");
        Assert.Equal(new[] { @"CORP\nolog:1", @"CORP\Zoë O'Brien:1" }, Users(excluded));
    }

    [Fact]
    public void Verbose_tells_what_was_read_and_left_out_in_four_lines()
    {
        var result = session.Invoke("Get-QlikLicenseDenial -Path $fixture -Verbose");

        var lines = result.Verbose.Where(line => !line.StartsWith("GET ", StringComparison.Ordinal)).ToList();
        Assert.Equal(4, lines.Count);
        Assert.StartsWith("Read 5 log file(s):", lines[0]);
        Assert.StartsWith("Skipped 3 file(s):", lines[1]);
        Assert.Contains("README.txt", lines[1]);
        Assert.Contains("QLIK_FIX2_Performance_Proxy.txt: its columns cannot record license denials", lines[1]);
        // The fixture's long line and cut last line; its blank and short lines hold no denial's mark.
        Assert.StartsWith("Skipped 2 line(s) that hold a denial's mark", lines[2]);
        Assert.StartsWith("Kept 7 denial(s) of 4 user(s) from 21 denial line(s); left out 3 line(s) of service accounts", lines[3]);
    }

    [Fact]
    public void Progress_is_shown_per_file_when_there_are_many()
    {
        var many = session.Invoke("Get-QlikLicenseDenial -Path $fixture");
        var perFile = many.Progress.Where(record => record.RecordType == ProgressRecordType.Processing).ToList();
        Assert.Equal(8, perFile.Count);
        Assert.StartsWith("File 1 of 8: ", perFile[0].StatusDescription);
        Assert.Equal(ProgressRecordType.Completed, many.Progress.Last().RecordType);

        var one = session.Invoke("Get-QlikLicenseDenial -Path \"$fixture/node1/Log/Repository/Trace/QLIKFIX1_License_Repository.txt\"");
        Assert.Empty(one.Progress);
        Assert.NotEmpty(one.Output);
    }

    [Fact]
    public void Without_a_path_and_not_connected_it_says_what_to_do()
    {
        using var offline = new ModuleSession();
        offline.SetVariable("fixture", FixtureSite);

        var result = offline.Invoke("Get-QlikLicenseDenial");
        Assert.Equal("NoLogPath", result.FirstErrorId);
        Assert.Contains("-Path", result.FirstError.Exception.Message);
        Assert.Contains("Connect-QlikSense", result.FirstError.Exception.Message);

        var fromFiles = offline.Invoke("Get-QlikLicenseDenial -Path $fixture");
        Assert.Empty(fromFiles.AllErrors);
        Assert.Equal(4, fromFiles.Output.Count);
        Assert.All(fromFiles.Output, denial => Assert.Null(denial.Get("UserKey")));
    }

    [Fact]
    public void Without_a_path_it_reads_the_archived_logs_folder_that_QRS_names()
    {
        // The seed's share (\\qlikserver1\QlikShare) cannot be reached from here: one clear error.
        var unreachable = session.Invoke("Get-QlikLicenseDenial");
        Assert.Equal("LogPathNotFound", unreachable.FirstErrorId);
        Assert.Contains("QRS", unreachable.FirstError.ErrorDetails.Message);
        Assert.Empty(unreachable.Output);
        Assert.Empty(unreachable.Warnings);

        var archive = Path.Combine(tempFolder, "ArchivedLogs");
        CopyFolder(FixtureSite, archive);
        var cluster = (JObject)site.Store.SetServiceCluster(@"\\qlikserver1\QlikShare").DeepClone();
        cluster["settings"]!["sharedPersistenceProperties"]!["archivedLogsRootFolder"] = archive;
        site.Store.Replace("servicecluster", cluster);
        site.Requests.Clear();

        var result = session.Invoke("Get-QlikLicenseDenial -Verbose");

        Assert.Empty(result.AllErrors);
        Assert.Equal(4, result.Output.Count);
        Assert.Contains($"Archived logs of {site.HostName}:{site.QrsPort}: {archive}", result.Verbose);
        Assert.Equal(1, site.Requests.Count("GET", "/qrs/servicecluster/full"));
    }

    [Fact]
    public void The_table_shows_who_to_allocate()
    {
        var result = session.InvokeAsUser("Get-QlikLicenseDenial -Path $fixture");

        Assert.Contains("FirstDenied (UTC)", result.HostText);
        Assert.Contains(result.HostLines, line => line.Text.Contains("jdoe") && line.Text.Contains("John Doe") && line.Text.Contains("Professional") && line.Text.Contains("2024-03-04 08:15"));
    }

    [SharedLogSamplesFact]
    public void The_real_log_sample_holds_one_person_denied_nine_times()
    {
        session.SetVariable("samples", SharedLogSamplesFactAttribute.Folder);

        var result = session.Invoke("Get-QlikLicenseDenial -Path $samples");

        var administrator = Assert.Single(result.Output);
        Assert.Equal(@"DOMAIN\administrator", administrator.Text("UserIdentity"));
        Assert.Equal(9, administrator.Get("Count"));
        Assert.Equal(Guid.Parse("c85d8ce4-b05e-467c-9810-e1a339318819"), administrator.Get("UserKey"));
        Assert.Equal(229, session.Invoke("Get-QlikLicenseDenial -Path $samples -IncludeServiceAccount -Raw").Output.Count);
    }

    /// <summary>A repository AuditSecurity log (2019+ wording) denying each user once, at the given UTC times, written with the given offset.</summary>
    private void WriteAuditLog(string relativePath, TimeSpan offset, params (string Directory, string UserId, DateTime Utc)[] denials)
    {
        string[] columns =
        {
            "Sequence#", "ProductVersion", "Timestamp", "Hostname", "Id", "Description", "ProxySessionId", "ProxyPackageId",
            "RequestSequenceId", "UserDirectory", "UserId", "ObjectId", "ObjectName", "SecurityClass", "ClientHostAddress",
            "Service", "Origin", "Context", "Command", "Result", "Message", "Checksum",
        };
        var text = new StringBuilder(string.Join("\t", columns)).Append("\r\n");
        var sequence = 0;
        foreach (var (directory, userId, utc) in denials)
        {
            var local = new DateTimeOffset(utc).ToOffset(offset);
            var stamp = local.ToString("yyyyMMdd'T'HHmmss.fff", CultureInfo.InvariantCulture) + (offset < TimeSpan.Zero ? "-" : "+") + offset.Duration().ToString("hhmm", CultureInfo.InvariantCulture);
            var session = Guid.NewGuid().ToString();
            text.Append(string.Join("\t",
                (++sequence).ToString(CultureInfo.InvariantCulture), "34.12.1", stamp, "SRV", Guid.NewGuid().ToString(),
                "Command=License user access;Result=403;ResultText=Error: Access denied", session, Guid.NewGuid().ToString(), "0",
                directory, userId, "0", "Not available", "License", "::ffff:10.2.0.1", "Repository", "AppAccess", "/qrs/requestaccesstype",
                "License user access", "403",
                $"Access was denied for User: '{directory}\\{userId}', with AccessID '{Guid.NewGuid()}', SessionID: '{session}', SessionCount: '1', Hostname: '::ffff:10.2.0.1', OperationType: 'UsageDenied'",
                "0")).Append("\r\n");
        }
        var file = Path.Combine(tempFolder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, text.ToString(), new UTF8Encoding(encoderShouldEmitUTF8Identifier: true));
    }

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
    }
}

/// <summary>A fact that runs only where the real log samples sit beside the repository (../shared/log-samples).</summary>
public sealed class SharedLogSamplesFactAttribute : FactAttribute
{
    public static string Folder =>
        RepositoryPaths.SharedFolder is string shared && Directory.Exists(Path.Combine(shared, "log-samples")) ? Path.Combine(shared, "log-samples") : null;

    public SharedLogSamplesFactAttribute()
    {
        if (Folder == null) Skip = "../shared/log-samples is not beside the repository: these tests read the real Qlik Sense logs kept there (the project's shared folder); the fixtures under tests/QlikLicense.Tests/Fixtures cover the reader without them.";
    }
}
