using System.Collections;
using System.Management.Automation;
using System.Net;
using System.Web;

namespace QlikLicense.Module.Tests;

/// <summary>
/// No secret reaches anything a user, a transcript or a log collector can see. One run connects with every kind
/// of authentication (and fails with each once), reads, fails a call, releases allocations with a journal and
/// previews the monthly routine, all with -Verbose and debug on; then every stream, every output object with all
/// its property values, the console view of all of it, the progress, the journal and the report are searched for
/// the PFX password, the JWT, the Windows password, the header user id and every Xrfkey the site was sent.
/// </summary>
public sealed class SecretLeakTests : IAsyncLifetime
{
    /// <summary>A header-authentication user id is a credential: whoever sends it is that user.</summary>
    private const string HeaderUserId = "hdr-user-7f3a";

    private const string WrongPfxPassword = "wrong-pfx-9c1d7e";
    private const string UnknownJwt = "unknown-jwt-5e8f2a";
    private const string WrongWindowsPassword = "wrong-win-4b2e6d";

    private const string FullRun = """
        $DebugPreference = 'Continue'
        $captured = & {
            Connect-QlikSense @qrs -CertificatePassword $wrongPfxPassword -Verbose
            Connect-QlikSense @proxy -Jwt $unknownJwt -Verbose
            Connect-QlikSense @proxy -Credential $wrongCredential -Verbose
            $certificate = Connect-QlikSense @qrs -CertificatePassword $pfxPassword -PassThru -Verbose
            $jwtConnection = Connect-QlikSense @proxy -Jwt $jwt -PassThru -Verbose
            $windows = Connect-QlikSense @proxy -Credential $credential -PassThru -Verbose
            $header = Connect-QlikSense @proxy -HeaderName X-Qlik-HeaderUser -HeaderUserId $headerUserId -PassThru -Verbose
            foreach ($connection in $certificate, $jwtConnection, $windows, $header) {
                $connection
                Get-QlikUser -UserId jdoe -Connection $connection -Verbose
                Get-QlikUser -Filter "userId eq ''x''" -Connection $connection -Verbose
                Get-QlikLicenseSummary -Connection $connection -Verbose
            }
            Get-QlikConnection -Verbose
            Get-QlikInactiveLicensedUser -Connection $header -Verbose | Remove-QlikLicenseAllocation -Confirm:$false -JournalPath $journal -Connection $header -Verbose
            Invoke-QlikLicenseMaintenance -WhatIf -PassThru -LogPath $logs -Since 2019-01-01 -ReportPath $report -Connection $jwtConnection -Verbose
            Get-QlikLicenseJournal -Path $journal -Verbose
            Restore-QlikLicenseAllocation -JournalPath $journal -WhatIf -Connection $windows -Verbose
        } *>&1
        """;

    private SimulatedSite site;
    private ModuleSession session;
    private string tempFolder;

    public async Task InitializeAsync()
    {
        site = await SimulatedSite.StartAsync();
        session = new ModuleSession();
        tempFolder = Path.Combine(Path.GetTempPath(), "qliklicense-secrets-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(tempFolder);
    }

    public async Task DisposeAsync()
    {
        session.Dispose();
        await site.DisposeAsync();
        if (Directory.Exists(tempFolder)) Directory.Delete(tempFolder, recursive: true);
    }

    [Fact]
    public void No_secret_appears_in_any_stream_object_console_line_journal_or_report()
    {
        session.SetVariable("qrs", new Hashtable
        {
            ["Server"] = site.HostName, ["Port"] = site.QrsPort, ["CertificatePath"] = site.ClientCertificatePath, ["CaCertificatePath"] = site.CaCertificatePath,
        });
        session.SetVariable("proxy", new Hashtable
        {
            ["Server"] = site.HostName, ["Port"] = site.ProxyPort, ["VirtualProxyPrefix"] = "admin", ["CaCertificatePath"] = site.CaCertificatePath,
        });
        session.SetVariable("pfxPassword", Secure(site.ClientCertificatePassword));
        session.SetVariable("wrongPfxPassword", Secure(WrongPfxPassword));
        session.SetVariable("jwt", Secure(site.ProxyAuth.ValidJwt));
        session.SetVariable("unknownJwt", Secure(UnknownJwt));
        var windowsUser = $@"{site.ProxyAuth.WindowsDomain}\{site.ProxyAuth.WindowsUser}";
        session.SetVariable("credential", new PSCredential(windowsUser, Secure(site.ProxyAuth.WindowsPassword)));
        session.SetVariable("wrongCredential", new PSCredential(windowsUser, Secure(WrongWindowsPassword)));
        session.SetVariable("headerUserId", HeaderUserId);
        session.SetVariable("journal", Path.Combine(tempFolder, "journal.jsonl"));
        session.SetVariable("report", Path.Combine(tempFolder, "report.html"));
        session.SetVariable("logs", Path.Combine(RepositoryPaths.Root, "docs", "examples", "logs"));

        var run = session.Invoke(FullRun);
        var captured = session.Invoke("$captured").Output;
        var console = session.InvokeAsUser("$captured");

        var seen = new List<(string Where, string Text)>();
        foreach (var item in captured) seen.AddRange(TextsOf(item, "output " + item.BaseObject.GetType().Name, depth: 0));
        seen.AddRange(run.AllErrors.SelectMany(TextsOf));
        seen.AddRange(run.Progress.Select(progress => ("progress", $"{progress.Activity} {progress.StatusDescription} {progress.CurrentOperation}")));
        seen.Add(("host during the run", run.HostText));
        seen.Add(("console view", console.HostText));
        seen.AddRange(Directory.GetFiles(tempFolder).Select(file => ("file " + Path.GetFileName(file), File.ReadAllText(file))));

        AssertTheRunDidEverything(captured, seen);

        var xrfkeys = site.Requests.Snapshot().Select(request => HttpUtility.ParseQueryString(request.RawQuery)["xrfkey"]).ToList();
        Assert.DoesNotContain(null, xrfkeys);
        Assert.True(xrfkeys.Count > 30, $"only {xrfkeys.Count} requests were sent");
        var secrets = new Dictionary<string, string>
        {
            ["PFX password"] = site.ClientCertificatePassword,
            ["wrong PFX password"] = WrongPfxPassword,
            ["JWT"] = site.ProxyAuth.ValidJwt,
            ["unknown JWT"] = UnknownJwt,
            ["Windows password"] = site.ProxyAuth.WindowsPassword,
            ["wrong Windows password"] = WrongWindowsPassword,
            ["header user id"] = HeaderUserId,
        };
        foreach (var key in xrfkeys.Distinct()) secrets["Xrfkey " + key] = key;

        var leaks = (from secret in secrets
                     from text in seen
                     where text.Text != null && text.Text.Contains(secret.Value, StringComparison.OrdinalIgnoreCase)
                     select $"{secret.Key} in {text.Where}: {Around(text.Text, secret.Value)}").ToList();
        Assert.True(leaks.Count == 0, string.Join(Environment.NewLine, leaks));
    }

    /// <summary>The search means something only if the run reached every place a secret could go.</summary>
    private void AssertTheRunDidEverything(IReadOnlyCollection<PSObject> captured, List<(string Where, string Text)> seen)
    {
        var errorIds = captured.Select(item => item.BaseObject).OfType<ErrorRecord>().Select(error => error.FullyQualifiedErrorId.Split(',')[0]).ToList();
        Assert.Equal(new[] { "CertificateFileUnreadable", "QrsLoginPage", "QrsAccessDenied", "QrsBadRequest", "QrsBadRequest", "QrsBadRequest", "QrsBadRequest" }, errorIds);
        // The four connections, then Get-QlikConnection's.
        Assert.Equal(5, captured.Count(item => item.TypeNames.Contains("QlikLicense.Model.QlikConnection")));
        Assert.Contains(captured, item => item.TypeNames.Contains("QlikLicense.Model.MaintenanceReport"));
        Assert.Equal(4, captured.Count(item => item.TypeNames.Contains("QlikLicense.Model.AllocationChangeResult") && item.Text("Outcome") == "Released"));
        Assert.Contains(captured, item => item.BaseObject is VerboseRecord verbose && verbose.Message.StartsWith("Connected to", StringComparison.Ordinal));
        Assert.Contains(captured, item => item.BaseObject is InformationRecord);
        Assert.Contains(captured, item => item.BaseObject is WarningRecord);
        Assert.Contains(seen, text => text.Where == "host during the run" && text.Text.Contains("What if:", StringComparison.Ordinal));
        Assert.Contains(seen, text => text.Where == "console view" && text.Text.Contains("Cannot parse the expression", StringComparison.Ordinal));
        Assert.Contains(seen, text => text.Where == "file journal.jsonl" && text.Text.Contains("\"Release\"", StringComparison.Ordinal));
        Assert.Contains(site.Requests.Snapshot(), request => request.QlikUser == site.ProxyAuth.HeaderUserDirectory + "\\" + HeaderUserId);
        Assert.Contains(site.Requests.Snapshot(), request => request.QlikUser == site.ProxyAuth.JwtUser);
        Assert.Contains(site.Requests.Snapshot(), request => request.QlikUser == site.ProxyAuth.WindowsDomain + "\\" + site.ProxyAuth.WindowsUser && request.Status == 200);
    }

    private static IEnumerable<(string Where, string Text)> TextsOf(ErrorRecord error)
    {
        var where = "error " + error.FullyQualifiedErrorId;
        yield return (where, error.ToString());
        yield return (where, error.Exception?.ToString());
        yield return (where, error.ErrorDetails?.Message);
        yield return (where, error.ErrorDetails?.RecommendedAction);
        yield return (where, error.CategoryInfo.ToString());
        yield return (where, error.TargetObject?.ToString());
        yield return (where, error.InvocationInfo?.PositionMessage);
        yield return (where, error.ScriptStackTrace);
    }

    /// <summary>Everything a user can get out of an object: its text, and its property values down to nested objects.</summary>
    private static IEnumerable<(string Where, string Text)> TextsOf(object value, string where, int depth)
    {
        var item = value as PSObject ?? PSObject.AsPSObject(value);
        switch (item.BaseObject)
        {
            case ErrorRecord error:
                foreach (var text in TextsOf(error)) yield return text;
                yield break;
            case InformationalRecord record:
                yield return (where, record.Message);
                yield break;
            case InformationRecord information:
                yield return (where, information.MessageData?.ToString());
                yield return (where, string.Join(" ", information.Tags));
                yield break;
            case string or ValueType:
                yield return (where, item.BaseObject.ToString());
                yield break;
        }

        yield return (where, item.ToString());
        if (depth >= 3) yield break;
        if (item.BaseObject is IDictionary dictionary)
        {
            foreach (DictionaryEntry entry in dictionary)
            foreach (var text in TextsOf(entry.Key, where + "{}", depth + 1).Concat(entry.Value == null ? Enumerable.Empty<(string, string)>() : TextsOf(entry.Value, where + "{}", depth + 1)))
                yield return text;
            yield break;
        }
        if (item.BaseObject is IEnumerable sequence)
        {
            foreach (var element in sequence.Cast<object>().Where(element => element != null))
            foreach (var text in TextsOf(element, where + "[]", depth + 1))
                yield return text;
            yield break;
        }
        foreach (var property in item.Properties)
        {
            object propertyValue;
            try
            {
                propertyValue = property.Value;
            }
            catch (GetValueException)
            {
                continue;
            }
            if (propertyValue == null) continue;
            foreach (var text in TextsOf(propertyValue, where + "." + property.Name, depth + 1)) yield return text;
        }
    }

    private static string Around(string text, string secret)
    {
        var at = text.IndexOf(secret, StringComparison.OrdinalIgnoreCase);
        var start = Math.Max(0, at - 60);
        return "…" + text.Substring(start, Math.Min(text.Length - start, secret.Length + 120)) + "…";
    }

    private static System.Security.SecureString Secure(string text) => new NetworkCredential(string.Empty, text).SecurePassword;
}
