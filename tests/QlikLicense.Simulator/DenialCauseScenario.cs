using System.Globalization;
using System.Text;
using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator;

/// <summary>
/// People refused a license for each cause the module tells apart (issue 18), set up in the store and written to the
/// logs a site keeps: a repository AuditSecurity log in the 2019+ wording (with SessionCount), a License_Repository
/// trace and a proxy Audit trace, all of group "Causes". The logs alone tell "no access type" and "too many
/// sessions" (a SessionCount at the limit of 5); the site tells the rest, so both readings of an ambiguous line can be
/// tested where they differ:
/// <list type="bullet">
/// <item><see cref="NoPass"/>: holds nothing; "No available access type" in the trace and result code NoAvailableAccessType in the proxy's.</item>
/// <item><see cref="Busy"/>: holds Professional, SessionCount '5': too many sessions.</item>
/// <item><see cref="Crowded"/>: holds nothing, SessionCount '5': the sessions message without a seat reads as no access type.</item>
/// <item><see cref="NewHire"/>: Analyzer allocated 10 minutes before the refusal: a pending user sync.</item>
/// <item><see cref="Ghost"/>: refused but not in the repository: an unknown user.</item>
/// <item><see cref="Overflow"/>: holds an Analyzer allocation QRS marks excess: an excess assignment.</item>
/// <item><see cref="Late"/>: refused two days after the others, past the license's end: license not available.</item>
/// </list>
/// </summary>
public static class DenialCauseScenario
{
    public const string Group = "Causes";
    public const string NoPass = @"CORP\nopass";
    public const string Busy = @"CORP\busy";
    public const string Crowded = @"CORP\crowded";
    public const string NewHire = @"CORP\newhire";
    public const string Ghost = @"CORP\ghost";
    public const string Overflow = @"CORP\overflow";
    public const string Late = @"CORP\late.comer";

    /// <summary>Everyone refused, in the order the logs refuse them (one a minute from the time given, <see cref="Late"/> two days later).</summary>
    public static readonly string[] Denied = [NoPass, Busy, Crowded, NewHire, Ghost, Overflow, Late];

    /// <summary>The cause each person is refused for, as the module should tell it with the site's help (the license ending as <see cref="Apply"/> sets it).</summary>
    public static readonly IReadOnlyDictionary<string, string> Expected = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        [NoPass] = "NoAccessType",
        [Busy] = "TooManySessions",
        [Crowded] = "NoAccessType",
        [NewHire] = "PendingUserSync",
        [Ghost] = "UnknownUser",
        [Overflow] = "ExcessAssignment",
        [Late] = "LicenseNotAvailable",
    };

    /// <summary>The last day of the license <see cref="Apply"/> sets: the day after the first refusals, before <see cref="Late"/>'s.</summary>
    public static DateTime LicenseEnd(DateTime deniedUtc) => deniedUtc.Date.AddDays(1);

    /// <summary>When <see cref="Late"/> is refused.</summary>
    public static DateTime LateDenial(DateTime deniedUtc) => deniedUtc.AddDays(2);

    /// <summary>
    /// Adds the people (all but <see cref="Ghost"/>) and their allocations; with <paramref name="licenseEnds"/>, the
    /// license ends the day after the first refusals (read from the signed key), so <see cref="Late"/> is refused for it.
    /// </summary>
    public static void Apply(SiteStore store, DateTime deniedUtc, bool licenseEnds = true)
    {
        var users = Denied.Where(user => user != Ghost).ToDictionary(user => user, user =>
        {
            var userId = user[(user.IndexOf('\\') + 1)..];
            return Guid.Parse((string)store.AddUser("CORP", userId, userId, [Group])["id"]);
        }, StringComparer.OrdinalIgnoreCase);
        store.AddAllocation(AccessKind.Professional, users[Busy], deniedUtc.AddMinutes(-30), createdUtc: deniedUtc.AddDays(-200));
        store.AddAllocation(AccessKind.Analyzer, users[NewHire], null, createdUtc: deniedUtc.AddMinutes(Array.IndexOf(Denied, NewHire) - 10));
        var overflow = (JObject)store.AddAllocation(AccessKind.Analyzer, users[Overflow], deniedUtc.AddDays(-3), createdUtc: deniedUtc.AddDays(-20)).DeepClone();
        overflow["excess"] = true;
        store.Replace(QrsTypes.AnalyzerAccessType, overflow);
        if (licenseEnds) store.SetLicenseEnd(LicenseEnd(deniedUtc));
    }

    /// <summary>Writes the three logs under <paramref name="folder"/> (Repository/Audit, Repository/Trace, Proxy/Trace); returns the folder.</summary>
    public static string WriteLogs(string folder, DateTime deniedUtc)
    {
        var audit = new StringBuilder("Sequence#\tProductVersion\tTimestamp\tHostname\tId\tDescription\tProxySessionId\tUserDirectory\tUserId\tClientHostAddress\tOrigin\tContext\tCommand\tResult\tMessage\r\n");
        var trace = new StringBuilder("Sequence#\tTimestamp\tLevel\tHostname\tLogger\tThread\tId\tServiceUser\tMessage\tProxySessionId\tProxyPackageId\tRequestSequenceId\tOperation\tUserName\tUserId\tChecksum\r\n");
        var proxy = new StringBuilder("Sequence#\tTimestamp\tLevel\tHostname\tLogger\tThread\tId\tServiceUser\tMessage\tProxySessionId\tConnectionId\tActiveUserDirectory\tActiveUserId\tTicketId\tIpAddress\tAppId\tTargetHost\tVirtualProxy\tChecksum\r\n");
        for (var index = 0; index < Denied.Length; index++)
        {
            var user = Denied[index];
            var (directory, userId) = (user[..user.IndexOf('\\')], user[(user.IndexOf('\\') + 1)..]);
            var when = user == Late ? LateDenial(deniedUtc) : deniedUtc.AddMinutes(index);
            var time = Stamp(when);
            var session = EntityShapes.StableGuid("cause-session:" + user);
            var address = $"::ffff:10.0.18.{index + 1}";
            var sessions = user == Busy || user == Crowded ? 5 : 1;
            audit.Append(CultureInfo.InvariantCulture, $"{index + 1}\t14.0.0\t{time}\tQLIKSIM\t{EntityShapes.StableGuid("cause-denial:" + user)}\t")
                .Append("Command=License user access;Result=403;ResultText=Error: Access denied\t")
                .Append(CultureInfo.InvariantCulture, $"{session}\t{directory}\t{userId}\t{address}\tAppAccess\t/qrs/requestaccesstype\tLicense user access\t403\t")
                .Append(CultureInfo.InvariantCulture, $"Access was denied for User: '{user}', with AccessID '{session}', SessionID: '{session}', SessionCount: '{sessions}', Hostname: '{address}', OperationType: 'UsageDenied'\r\n");
            if (sessions == 1)
                trace.Append(CultureInfo.InvariantCulture, $"{index + 1}\t{Stamp(when.AddMilliseconds(12))}\tINFO\tQLIKSIM\tLicense.Repository.Repository.Core.Resource.RequestAccessTypeResource\t42\t")
                    .Append(CultureInfo.InvariantCulture, $"{EntityShapes.StableGuid("cause-trace:" + user)}\tCORP\\qlikservice\tNo available access type, SessionID: {session}, Hostname: \"{address}\"\t{session}\t\t\tUsageDenied\t{user}\t")
                    .Append(CultureInfo.InvariantCulture, $"{EntityShapes.StableGuid("user:" + user)}\t0\r\n");
            if (user == NoPass)
                proxy.Append(CultureInfo.InvariantCulture, $"1\t{Stamp(when.AddMilliseconds(400))}\tINFO\tQLIKSIM\tAudit.Proxy.Proxy.SessionEstablishment\t7\t{EntityShapes.StableGuid("cause-proxy:" + user)}\tCORP\\qlikservice\t")
                    .Append(CultureInfo.InvariantCulture, $"Access to app '{EntityShapes.StableGuid("app:causes")}' denied, result code 'NoAvailableAccessType'\t{session}\t{EntityShapes.StableGuid("connection:" + user)}\t{directory}\t{userId}\t\t{address}\t\t\t{{}}\t0\r\n");
        }
        Write(Path.Combine(folder, "Repository", "Audit", "QLIKSIM_AuditSecurity_Repository.txt"), audit);
        Write(Path.Combine(folder, "Repository", "Trace", "QLIKSIM_License_Repository.txt"), trace);
        Write(Path.Combine(folder, "Proxy", "Trace", "QLIKSIM_Audit_Proxy.txt"), proxy);
        return folder;
    }

    private static string Stamp(DateTime utc) => utc.ToString("yyyyMMdd'T'HHmmss.fff'+0000'", CultureInfo.InvariantCulture);

    private static void Write(string file, StringBuilder content)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        File.WriteAllText(file, content.ToString(), new UTF8Encoding(true));
    }
}
