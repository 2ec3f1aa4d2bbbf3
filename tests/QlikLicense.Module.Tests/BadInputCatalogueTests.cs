using System.Collections;
using System.Management.Automation;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using static QlikLicense.Module.Tests.ModuleErrorIds;

namespace QlikLicense.Module.Tests;

/// <summary>
/// The catalogue of bad input: bad server names, ports, certificates, passwords, filters, dates, journals, log
/// files and QRS answers. Each is one clear error with a stable ErrorId and a fitting category, in plain words
/// (no stack trace), and the session's connection still works afterwards; input that is odd but valid works.
/// </summary>
public sealed class BadInputCatalogueTests : SiteSessionTest
{
    private const string OtherSite = "qlik-other.example.com:4242";

    protected override void Prepare()
    {
        session.SetVariable("qrs", new Hashtable { ["Server"] = site.HostName, ["Port"] = site.QrsPort });
        session.SetVariable("proxy", new Hashtable
        {
            ["Server"] = site.HostName, ["Port"] = site.ProxyPort, ["VirtualProxyPrefix"] = "admin", ["CaCertificatePath"] = site.CaCertificatePath,
        });
        session.SetVariable("pfx", site.ClientCertificatePath);
        session.SetVariable("ca", site.CaCertificatePath);
        session.SetVariable("pfxPassword", Secure(site.ClientCertificatePassword));
        session.SetVariable("wrongPassword", Secure("not-the-password"));
        session.SetVariable("wrongWindowsUser", new PSCredential($@"{site.ProxyAuth.WindowsDomain}\{site.ProxyAuth.WindowsUser}", Secure("not-the-password")));
        session.SetVariable("unknownJwt", Secure("eyJhbGciOiJub25lIn0.eyJzdWIiOiJub2JvZHkifQ."));
        session.SetVariable("jwtWithLineBreak", Secure(site.ProxyAuth.ValidJwt + "\r\n"));
        session.SetVariable("missing", Path.Combine(tempFolder, "missing.file"));
        session.SetVariable("textFile", Write("notes.txt", Encoding.UTF8.GetBytes("This is not a certificate.\r\n")));
        session.SetVariable("randomBytes", Write("random.cer", RandomNumberGenerator.GetBytes(3000)));
        session.SetVariable("logs", Path.GetDirectoryName(Write(Path.Combine("logs", "QLIK1_AuditSecurity_Repository.txt"), GoodLog("jdoe"))));
        session.SetVariable("otherSiteJournal", Write("other-site.jsonl", Encoding.UTF8.GetBytes(JournalOfOtherSite())));
    }

    public static TheoryData<string, string, string, ErrorCategory> Catalogue => new()
    {
        // Servers and ports
        { "a server name with a space and a !", "Connect-QlikSense -Server 'bad name!' -Port 4242 -CertificatePath $pfx -CertificatePassword $pfxPassword", Id("InvalidServerName"), ErrorCategory.InvalidArgument },
        { "a server name with its port", "Connect-QlikSense -Server 'qlik.example.com:4242' -CertificatePath $pfx -CertificatePassword $pfxPassword", Id("InvalidServerName"), ErrorCategory.InvalidArgument },
        { "a URL instead of a server name", "Connect-QlikSense -Server 'https://qlik.example.com' -CertificatePath $pfx -CertificatePassword $pfxPassword", Id("InvalidServerName"), ErrorCategory.InvalidArgument },
        { "an empty server name", "Connect-QlikSense -Server '' -CertificatePath $pfx -CertificatePassword $pfxPassword", "ParameterArgumentValidationError", ErrorCategory.InvalidData },
        { "port 70000", "Connect-QlikSense @qrs -Port 70000 -CertificatePath $pfx -CertificatePassword $pfxPassword", "ParameterArgumentValidationError", ErrorCategory.InvalidData },
        { "port 0", "Connect-QlikSense -Server localhost -Port 0 -CertificatePath $pfx -CertificatePassword $pfxPassword", "ParameterArgumentValidationError", ErrorCategory.InvalidData },
        { "a port nothing listens on", "Connect-QlikSense -Server localhost -Port 1 -CertificatePath $pfx -CertificatePassword $pfxPassword -CaCertificatePath $ca -TimeoutSec 2", "QrsConnectionFailed", ErrorCategory.ConnectionError },
        { "a timeout of 0 seconds", "Connect-QlikSense @qrs -CertificatePath $pfx -CertificatePassword $pfxPassword -TimeoutSec 0", "ParameterArgumentValidationError", ErrorCategory.InvalidData },

        // Certificates and passwords
        { "a certificate file that does not exist", "Connect-QlikSense @qrs -CertificatePath $missing", Id("CertificateFileNotFound"), ErrorCategory.ObjectNotFound },
        { "a folder as the certificate file", "Connect-QlikSense @qrs -CertificatePath $temp", Id("CertificateFileNotFound"), ErrorCategory.ObjectNotFound },
        { "a text file as the certificate", "Connect-QlikSense @qrs -CertificatePath $textFile -CertificatePassword $pfxPassword", Id("CertificateFileUnreadable"), ErrorCategory.InvalidData },
        { "the wrong certificate password", "Connect-QlikSense @qrs -CertificatePath $pfx -CertificatePassword $wrongPassword", Id("CertificateFileUnreadable"), ErrorCategory.InvalidData },
        { "no password for a protected certificate", "Connect-QlikSense @qrs -CertificatePath $pfx", Id("CertificateFileUnreadable"), ErrorCategory.InvalidData },
        { "the site CA, which has no private key, as the client certificate", "Connect-QlikSense @qrs -CertificatePath $ca", Id("CertificateHasNoPrivateKey"), ErrorCategory.InvalidArgument },
        { "random bytes as the CA certificate", "Connect-QlikSense @qrs -CertificatePath $pfx -CertificatePassword $pfxPassword -CaCertificatePath $randomBytes", Id("CaCertificateUnreadable"), ErrorCategory.InvalidData },
        { "the password-protected PFX as the CA certificate", "Connect-QlikSense @qrs -CertificatePath $pfx -CertificatePassword $pfxPassword -CaCertificatePath $pfx", Id("CaCertificateUnreadable"), ErrorCategory.InvalidData },
        { "a CA certificate file that does not exist", "Connect-QlikSense @qrs -CertificatePath $pfx -CertificatePassword $pfxPassword -CaCertificatePath $missing", Id("CaCertificateNotFound"), ErrorCategory.ObjectNotFound },
        { "a pinned thumbprint that is not hex pins nothing", "Connect-QlikSense @qrs -CertificatePath $pfx -CertificatePassword $pfxPassword -TrustedCertificateThumbprint 'not-a-thumbprint'", "QrsUntrustedCertificate", ErrorCategory.SecurityError },
        { "the wrong Windows password", "Connect-QlikSense @proxy -Credential $wrongWindowsUser", "QrsAccessDenied", ErrorCategory.PermissionDenied },
        { "a JWT the virtual proxy does not accept", "Connect-QlikSense @proxy -Jwt $unknownJwt", "QrsLoginPage", ErrorCategory.AuthenticationError },
        { "a header the virtual proxy does not read", "Connect-QlikSense @proxy -HeaderName X-Not-The-Header -HeaderUserId qlikadmin", "QrsLoginPage", ErrorCategory.AuthenticationError },
        { "a JWT with a line break", "Connect-QlikSense @proxy -Jwt $jwtWithLineBreak", "ParameterArgumentValidationError", ErrorCategory.InvalidData },
        { "a header user id that smuggles in another header", "Connect-QlikSense @proxy -HeaderName X-Qlik-HeaderUser -HeaderUserId \"qlikadmin`r`nX-Qlik-User: UserDirectory=INTERNAL; UserId=sa_repository\"", "ParameterArgumentValidationError", ErrorCategory.InvalidData },
        { "a header user id HTTP cannot carry", "Connect-QlikSense @proxy -HeaderName X-Qlik-HeaderUser -HeaderUserId 'zoë.müller'", "ParameterArgumentValidationError", ErrorCategory.InvalidData },
        { "a header name that is not a header name", "Connect-QlikSense @proxy -HeaderName 'X-Qlik User:' -HeaderUserId qlikadmin", "ParameterArgumentValidationError", ErrorCategory.InvalidData },

        // Filters and patterns
        { "a filter with OData-style doubled quotes", "Get-QlikUser -Filter \"userId eq ''x''\"", "QrsBadRequest", ErrorCategory.InvalidArgument },
        { "a filter with an empty group", "Get-QlikUser -Filter '()'", "QrsBadRequest", ErrorCategory.InvalidArgument },
        { "a filter with & and # that must not break the URL", "Get-QlikUser -Filter \"userId eq 'a' & name eq '#1'\"", "QrsBadRequest", ErrorCategory.InvalidArgument },
        { "a filter on a property users do not have", "Get-QlikUser -Filter \"shoeSize eq 42\"", "QrsBadRequest", ErrorCategory.InvalidArgument },
        { "an empty filter", "Get-QlikUser -Filter ''", "ParameterArgumentValidationError", ErrorCategory.InvalidData },
        { "a user key that is not a GUID", "Get-QlikUser -Id 'nonsense'", "CannotConvertArgumentNoMessage", ErrorCategory.InvalidArgument },
        { "an unbalanced wildcard in -Exclude", @"Get-QlikInactiveLicensedUser -Exclude 'CORP\[abc'", "ParameterArgumentValidationError", ErrorCategory.InvalidData },
        { "an unbalanced wildcard in -ExcludeUserDirectory", "Get-QlikInactiveLicensedUser -ExcludeUserDirectory 'CORP['", "ParameterArgumentValidationError", ErrorCategory.InvalidData },
        { "an unbalanced wildcard in -ExcludeUser", "Get-QlikLicenseDenial -Path $logs -ExcludeUser '[x'", "ParameterArgumentValidationError", ErrorCategory.InvalidData },
        { "an unbalanced wildcard in -ExcludeDeniedUser", "Invoke-QlikLicenseMaintenance -LogPath $logs -ExcludeDeniedUser '[x' -WhatIf", "ParameterArgumentValidationError", ErrorCategory.InvalidData },
        { "an unbalanced wildcard in a rule name", "Get-QlikLicenseRule -Name 'Sales [EU'", "ParameterArgumentValidationError", ErrorCategory.InvalidData },
        { "an unbalanced wildcard in -ExcludeTag", "Get-QlikInactiveLicensedUser -ExcludeTag 'Keep['", "ParameterArgumentValidationError", ErrorCategory.InvalidData },
        { "a custom property mark without '='", "Get-QlikInactiveLicensedUser -ExcludeCustomProperty 'LicensePolicy'", "ParameterArgumentValidationError", ErrorCategory.InvalidData },
        { "a custom property mark without a name", "Get-QlikLicenseFinding -ExcludeCustomProperty '=Keep'", "ParameterArgumentValidationError", ErrorCategory.InvalidData },
        { "a custom property mark without a value", "Invoke-QlikLicenseMaintenance -LogPath $logs -ExcludeCustomProperty 'LicensePolicy=' -WhatIf", "ParameterArgumentValidationError", ErrorCategory.InvalidData },
        { "a finding kind that does not exist", "Get-QlikLicenseFinding -Kind Overdraft", "CannotConvertArgumentNoMessage", ErrorCategory.InvalidArgument },

        // Dates
        { "-Since later than -Until", "Get-QlikLicenseDenial -Path $logs -Since 2024-02-01 -Until 2024-01-01", Id("InvalidTimeWindow"), ErrorCategory.InvalidArgument },
        { "a date that is not a date", "Get-QlikLicenseDenial -Path $logs -Since 'yesterday-ish'", "CannotConvertArgumentNoMessage", ErrorCategory.InvalidArgument },
        { "-UnusedDays 0", "Get-QlikInactiveLicensedUser -UnusedDays 0", "ParameterArgumentValidationError", ErrorCategory.InvalidData },
        { "-UnusedSince in the future, which would offer every allocation", "Get-QlikInactiveLicensedUser -UnusedSince 2205-01-01", "ParameterArgumentValidationError", ErrorCategory.InvalidData },

        // Journals
        { "a journal that does not exist", "Restore-QlikLicenseAllocation -JournalPath $missing -Confirm:$false", Id("JournalNotFound"), ErrorCategory.ObjectNotFound },
        { "a folder as the journal", "Restore-QlikLicenseAllocation -JournalPath $temp -Confirm:$false", Id("JournalNotFound"), ErrorCategory.ObjectNotFound },
        { "another site's journal", "Restore-QlikLicenseAllocation -JournalPath $otherSiteJournal -Confirm:$false", Id("JournalSiteMismatch"), ErrorCategory.InvalidData },
        { "a journal to list that does not exist", "Get-QlikLicenseJournal -Path $missing", Id("JournalNotFound"), ErrorCategory.ObjectNotFound },
        { "allocations piped into the undo instead of journal records", "Get-QlikLicenseAllocation | Undo-QlikLicenseChange -JournalPath $missing -Confirm:$false", Id("JournalRecordExpected"), ErrorCategory.InvalidArgument },
        { "a journal that cannot be written", "Get-QlikInactiveLicensedUser | Remove-QlikLicenseAllocation -Confirm:$false -JournalPath \"$textFile/journal.jsonl\"", Id("JournalNotWritable"), ErrorCategory.WriteError },
        { "a maintenance history to list that does not exist", "Get-QlikLicenseHistory -Path $missing", Id("HistoryNotFound"), ErrorCategory.ObjectNotFound },
        { "a maintenance history that cannot be written", "Invoke-QlikLicenseMaintenance -LogPath $logs -HistoryPath \"$textFile/history.jsonl\"", Id("HistoryNotWritable"), ErrorCategory.WriteError },

        // Logs and reports
        { "a log path that does not exist", "Get-QlikLicenseDenial -Path $missing", Id("LogPathNotFound"), ErrorCategory.ObjectNotFound },
        { "a log path of another provider", "Get-QlikLicenseDenial -Path Env:PATH", Id("LogPathNotFileSystem"), ErrorCategory.InvalidArgument },
        { "a report that cannot be written", "Invoke-QlikLicenseMaintenance -LogPath $logs -ReportPath \"$textFile/report.html\" -WhatIf", Id("ReportNotWritable"), ErrorCategory.WriteError },
    };

    [Theory]
    [MemberData(nameof(Catalogue))]
    public void Bad_input_is_one_clear_error_and_the_session_goes_on(string input, string script, string errorId, ErrorCategory category)
    {
        var result = session.Invoke(script);

        AssertOneClearError(result, input, errorId, category);
        AssertSessionStillWorks("Get-QlikUser -UserId jdoe");
        Assert.Equal(0, site.Requests.Count("DELETE") + site.Requests.Count("POST", "/qrs/license/"));
    }

    public static TheoryData<string, string, int, string, string, string, string, ErrorCategory> Answers => new()
    {
        { "an empty 200 to the connection check", "/qrs/about", 200, "application/json", "", "Connect-QlikSense @stub", "QrsInvalidResponse", ErrorCategory.InvalidResult },
        { "a JSON list as the connection check's answer", "/qrs/about", 200, "application/json", "[]", "Connect-QlikSense @stub", "QrsInvalidResponse", ErrorCategory.InvalidResult },
        { "an empty 200 to a list", "/qrs/user", 200, "application/json", "", "Get-QlikUser -Connection (Connect-QlikSense @stub -PassThru)", "QrsInvalidResponse", ErrorCategory.InvalidResult },
        { "an empty 200 to a read by id", "/qrs/user", 200, "application/json", "", $"Get-QlikUser -Id {Guid.Empty} -Connection (Connect-QlikSense @stub -PassThru)", "QrsInvalidResponse", ErrorCategory.InvalidResult },
        { "a list where one user belongs", "/qrs/user", 200, "application/json", "[]", $"Get-QlikUser -Id {Guid.Empty} -Connection (Connect-QlikSense @stub -PassThru)", "QrsInvalidResponse", ErrorCategory.InvalidResult },
        { "a login page (200, HTML) in the middle of a session", "/qrs/user", 200, "text/html; charset=utf-8", LoginPage, "Get-QlikUser -Connection (Connect-QlikSense @stub -PassThru)", "QrsLoginPage", ErrorCategory.AuthenticationError },
        { "an HTML page labelled as JSON", "/qrs/user", 200, "application/json", LoginPage, "Get-QlikUser -Connection (Connect-QlikSense @stub -PassThru)", "QrsInvalidResponse", ErrorCategory.InvalidResult },
        { "an object where a list belongs", "/qrs/user", 200, "application/json", "{\"users\":[]}", "Get-QlikUser -Connection (Connect-QlikSense @stub -PassThru)", "QrsInvalidResponse", ErrorCategory.InvalidResult },
        { "a list of numbers where users belong", "/qrs/user", 200, "application/json", "[1,2,3]", "Get-QlikUser -Connection (Connect-QlikSense @stub -PassThru)", "QrsInvalidResponse", ErrorCategory.InvalidResult },
        { "a user whose date is no date", "/qrs/user", 200, "application/json", "[{\"id\":\"7c1e2a10-0000-4000-8000-000000000001\",\"userId\":\"jdoe\",\"userDirectory\":\"CORP\",\"createdDate\":\"last tuesday\"}]",
            "Get-QlikUser -Connection (Connect-QlikSense @stub -PassThru)", "QrsInvalidResponse", ErrorCategory.InvalidResult },
        { "a user whose user id is an object", "/qrs/user", 200, "application/json", "[{\"id\":\"7c1e2a10-0000-4000-8000-000000000001\",\"userId\":{\"value\":\"jdoe\"},\"userDirectory\":\"CORP\"}]",
            "Get-QlikUser -Connection (Connect-QlikSense @stub -PassThru)", "QrsInvalidResponse", ErrorCategory.InvalidResult },
        { "a user whose flags are not booleans", "/qrs/user", 200, "application/json", "[{\"id\":\"7c1e2a10-0000-4000-8000-000000000001\",\"userId\":\"jdoe\",\"userDirectory\":\"CORP\",\"removedExternally\":\"perhaps\"}]",
            "Get-QlikUser -Connection (Connect-QlikSense @stub -PassThru)", "QrsInvalidResponse", ErrorCategory.InvalidResult },
    };

    [Theory]
    [MemberData(nameof(Answers))]
    public async Task Bad_answers_are_one_clear_error_and_other_connections_go_on(
        string answer, string path, int status, string contentType, string body, string script, string errorId, ErrorCategory category)
    {
        await using var stub = await CannedQrs.StartAsync(path, new CannedAnswer(status, contentType, body));
        session.SetVariable("stub", stub.ConnectParameters);
        session.Invoke("$siteConnection = Get-QlikConnection");

        var result = session.Invoke(script);

        AssertOneClearError(result, answer, errorId, category);
        AssertSessionStillWorks("Get-QlikUser -UserId jdoe -Connection $siteConnection");
    }

    [Fact]
    public async Task A_huge_error_answer_is_cut_short_in_the_error_details()
    {
        await using var stub = await CannedQrs.StartAsync("/qrs/user", new CannedAnswer(400, "text/plain", "Cannot parse the expression: " + new string('x', 1_000_000)));
        session.SetVariable("stub", stub.ConnectParameters);

        var result = session.Invoke("Get-QlikUser -Filter 'name eq 1' -Connection (Connect-QlikSense @stub -PassThru)");

        AssertOneClearError(result, "a megabyte of error text", "QrsBadRequest", ErrorCategory.InvalidArgument);
        Assert.InRange(result.FirstError.ErrorDetails.Message.Length, 100, 10_000);
        Assert.InRange(result.FirstError.Exception.Message.Length, 100, 10_000);
    }

    [Fact]
    public async Task A_site_of_20000_users_streams_through_in_one_request()
    {
        await using var large = await SimulatedSite.StartAsync(new SiteOptions { GeneratedUsers = 20_000 });
        using var largeSession = new ModuleSession();
        largeSession.ConnectTo(large);
        large.Requests.Clear();

        var result = largeSession.Invoke("$count = 0; Get-QlikUser | ForEach-Object { $count++ }; $count");

        Assert.Empty(result.AllErrors);
        Assert.Equal(large.Store.Count("user"), (int)result.Output.Single().BaseObject);
        Assert.Equal(1, large.Requests.Count("GET", "/qrs/user/full"));
    }

    [Theory]
    [InlineData("o'brien", "Conor O'Brien")]
    [InlineData(@"anna maria", "Anna Maria Rossi")]
    [InlineData("zoë.müller", "Zoë Müller")]
    [InlineData("d'angelo", "Marco D'Angelo")]
    public void Odd_but_valid_user_ids_find_exactly_their_user(string userId, string name)
    {
        session.SetVariable("userId", userId);

        var result = session.Invoke("Get-QlikUser -UserId $userId");

        Assert.Empty(result.AllErrors);
        Assert.Equal(name, result.Output.Single().Text("Name"));
    }

    [Fact]
    public void Corrupt_cut_off_and_binary_journals_warn_and_the_readable_releases_are_restored()
    {
        var journal = Path.Combine(tempFolder, "journal.jsonl");
        session.SetVariable("journal", journal);
        var released = session.Invoke("Get-QlikInactiveLicensedUser -Type Professional | Remove-QlikLicenseAllocation -Confirm:$false -JournalPath $journal");
        Assert.Equal("bwayne", released.Output.Single().Text("UserId"));
        File.WriteAllText(journal, "garbage that is no JSON\n{\"event\":\"Release\"}\n" + File.ReadAllText(journal) + "{\"time\":\"2026-");

        var restored = session.Invoke("Restore-QlikLicenseAllocation -JournalPath $journal -Confirm:$false -Verbose");

        Assert.Empty(restored.AllErrors);
        Assert.Contains("3 lines of the journal", Assert.Single(restored.Warnings));
        Assert.Contains(restored.Verbose, line => line.EndsWith(":2: not a journal record (allocationId, operationId or site missing)", StringComparison.Ordinal));
        Assert.Equal("bwayne", restored.Output.Single().Text("UserId"));

        session.SetVariable("binaryJournal", Write("binary.jsonl", RandomNumberGenerator.GetBytes(4096)));
        var binary = session.Invoke("Restore-QlikLicenseAllocation -JournalPath $binaryJournal -Confirm:$false");

        Assert.Empty(binary.AllErrors);
        Assert.Contains("could not be read", Assert.Single(binary.Warnings));
        Assert.Empty(binary.Output);
    }

    [Fact]
    public void Binary_and_utf16_log_files_are_skipped_a_huge_line_is_counted_and_none_is_an_error()
    {
        var logs = Path.Combine(tempFolder, "mixed-logs");
        Write(Path.Combine("mixed-logs", "QLIK1_AuditSecurity_Repository.txt"), GoodLog("jdoe"));
        Write(Path.Combine("mixed-logs", "QLIK2_AuditSecurity_Repository.txt"),
            Encoding.UTF8.GetBytes(GoodLogHeader + new string('x', 10 * 1024 * 1024) + "\r\n" + DenialLine("asmith", "20240305T093000.000+0100") + "\r\n"));
        Write(Path.Combine("mixed-logs", "QLIK3_AuditSecurity_Repository.log"), RandomNumberGenerator.GetBytes(256 * 1024));
        Write(Path.Combine("mixed-logs", "QLIK4_AuditSecurity_Repository.log"), Encoding.UTF8.GetBytes(new string('y', 10 * 1024 * 1024)));
        Write(Path.Combine("mixed-logs", "QLIK5_AuditSecurity_Repository.txt"), Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes(Encoding.UTF8.GetString(GoodLog("wmaximoff")))).ToArray());
        session.SetVariable("mixed", logs);

        var result = session.Invoke("Get-QlikLicenseDenial -Path $mixed -Verbose");

        Assert.Empty(result.AllErrors);
        Assert.Empty(result.Warnings);
        Assert.Equal(new[] { "asmith", "jdoe" }, result.Output.Select(denial => denial.Text("UserId")).OrderBy(id => id));
        // The 10 MB line is read and counted, and passed without a look: it holds no denial's mark.
        Assert.Contains(result.Verbose, line => line.StartsWith("Read 2 log file(s): 3 lines", StringComparison.Ordinal));
        var skippedFiles = result.Verbose.Single(line => line.StartsWith("Skipped 3 file(s):", StringComparison.Ordinal));
        Assert.Contains("QLIK3_AuditSecurity_Repository.log: not a Qlik Sense log", skippedFiles);
        Assert.Contains("QLIK4_AuditSecurity_Repository.log: not a Qlik Sense log: no header line in the first 64 KB", skippedFiles);
        Assert.Contains("QLIK5_AuditSecurity_Repository.txt: not a Qlik Sense log", skippedFiles);
        Assert.Contains(result.Verbose, line => line.StartsWith("Skipped 0 line(s)", StringComparison.Ordinal));
    }

    private const string LoginPage = "<!DOCTYPE html><html><head><title>Qlik Sense</title></head><body><form method=\"post\"><input name=\"username\"/></form></body></html>";

    private const string GoodLogHeader = "Timestamp\tHostname\tUserDirectory\tUserId\tOrigin\tClientHostAddress\tCommand\tResult\r\n";

    private static string DenialLine(string userId, string time = "20240305T080000.000+0100") =>
        $"{time}\tQLIK1\tCORP\t{userId}\tAppAccess\t::ffff:10.1.1.1\tLicense user access\t403";

    private static byte[] GoodLog(string userId) => Encoding.UTF8.GetBytes(GoodLogHeader + DenialLine(userId) + "\r\n");

    private static System.Security.SecureString Secure(string text) => new NetworkCredential(string.Empty, text).SecurePassword;

    private string Write(string relativePath, byte[] content)
    {
        var path = Path.Combine(tempFolder, relativePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return path;
    }

    private static string JournalOfOtherSite()
    {
        var operation = Guid.NewGuid();
        var allocation = Guid.NewGuid();
        var release = $"{{\"time\":\"2026-01-05T10:00:00.000Z\",\"event\":\"Release\",\"operationId\":\"{operation}\",\"site\":\"{OtherSite}\",\"allocationId\":\"{allocation}\"," +
                      "\"type\":\"Analyzer\",\"userKey\":\"7c1e2a10-0000-4000-8000-000000000005\",\"userDirectory\":\"CORP\",\"userId\":\"ckent\",\"userName\":\"Clark Kent\",\"lastUsed\":null}";
        return release + "\n" + release.Replace("\"event\":\"Release\"", "\"event\":\"Result\"").Replace("\"lastUsed\":null}", "\"lastUsed\":null,\"outcome\":\"Released\"}") + "\n";
    }

    private static void AssertOneClearError(ScriptResult result, string input, string errorId, ErrorCategory category)
    {
        var error = Assert.Single(result.AllErrors);
        Assert.True(errorId == result.FirstErrorId, $"{input}: expected {errorId}, got {error.FullyQualifiedErrorId}: {error.Exception.Message}");
        Assert.Equal(category, error.CategoryInfo.Category);
        var shown = error.Exception.Message + Environment.NewLine + error.ErrorDetails?.Message;
        Assert.DoesNotContain("   at ", shown);
        Assert.DoesNotMatch(@"\bSystem\.[\w.]*Exception\b", shown);
        Assert.False(string.IsNullOrWhiteSpace(error.Exception.Message));
    }

    private void AssertSessionStillWorks(string check)
    {
        var after = session.Invoke(check);
        Assert.Empty(after.AllErrors);
        Assert.Equal("John Doe", after.Output.Single().Text("Name"));
    }
}

internal sealed record CannedAnswer(int Status, string ContentType, string Body);

/// <summary>
/// A QRS stand-in over TLS for answers the simulator never gives: a proper /qrs/about, and one canned answer for
/// every path under <c>answeredPath</c> (which may be /qrs/about itself). Header authentication, a pinned certificate.
/// </summary>
internal sealed class CannedQrs : IAsyncDisposable
{
    private const string About = "{\"buildVersion\":\"99.0.0.0\",\"buildDate\":\"1/1/2026\",\"databaseProvider\":\"Devart.Data.PostgreSql\"}";

    private readonly WebApplication app;
    private readonly X509Certificate2 certificate;

    private CannedQrs(WebApplication app, X509Certificate2 certificate, int port)
    {
        this.app = app;
        this.certificate = certificate;
        ConnectParameters = new Hashtable
        {
            ["Server"] = "localhost", ["Port"] = port, ["HeaderName"] = "X-Stub-User", ["HeaderUserId"] = "stub",
            ["TrustedCertificateThumbprint"] = certificate.Thumbprint,
        };
    }

    /// <summary>Splat into Connect-QlikSense.</summary>
    public Hashtable ConnectParameters { get; }

    public static async Task<CannedQrs> StartAsync(string answeredPath, CannedAnswer answer)
    {
        var certificate = SelfSignedLocalhost();
        ListenOptions listen = null;
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseKestrelHttpsConfiguration().ConfigureKestrel(kestrel =>
            kestrel.Listen(IPAddress.Loopback, 0, options =>
            {
                listen = options;
                options.UseHttps(certificate);
            }));
        var app = builder.Build();
        app.Run(async context =>
        {
            var canned = context.Request.Path.StartsWithSegments(answeredPath) ? answer : new CannedAnswer(200, "application/json", About);
            context.Response.StatusCode = canned.Status;
            context.Response.ContentType = canned.ContentType;
            await context.Response.WriteAsync(canned.Body);
        });
        await app.StartAsync();
        return new CannedQrs(app, certificate, listen.IPEndPoint!.Port);
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync();
        await app.DisposeAsync();
        certificate.Dispose();
    }

    private static X509Certificate2 SelfSignedLocalhost()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=localhost", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName("localhost");
        request.CertificateExtensions.Add(names.Build());
        var now = DateTimeOffset.UtcNow;
        using var ephemeral = request.CreateSelfSigned(now.AddMinutes(-5), now.AddHours(1));
        // Kestrel on every OS wants a certificate whose key it can use for TLS: round-trip through PKCS#12.
        return X509CertificateLoader.LoadPkcs12(ephemeral.Export(X509ContentType.Pkcs12), null);
    }
}
