using System.Globalization;
using System.Text;

namespace QlikLicense.Simulator;

/// <summary>
/// Users and rules added to the seed for the decisions on denied users (issue 13), and a repository AuditSecurity
/// log that denies them: a group without a rule (Support, 4 denied, one with a quote and one with a space in the
/// user id), a group whose rule is disabled (Finance, 3 denied), a group whose enabled Professional rule has no seats
/// left (Engineering, 2 denied), a group whose name needs HTML encoding (Ops &lt;EU&gt;, 3 denied), one denied person
/// of Marketing, and seed users: CORP\jdoe (Sales, licensed) and CORP\dprince (Sales, granted by "Sales analyzers").
/// </summary>
public static class DeniedGroupsScenario
{
    public const string FinanceRule = "Finance professionals";
    public const string EngineeringRule = "Engineering professionals";

    public static readonly string[] Support = [@"CORP\support1", @"CORP\o'neil", @"CORP\mary ann", @"CORP\support4"];
    public static readonly string[] Finance = [@"CORP\fin1", @"CORP\fin2", @"CORP\fin3"];
    public static readonly string[] Engineering = [@"CORP\eng1", @"CORP\eng2"];
    public static readonly string[] Ops = [@"CORP\ops1", @"CORP\ops2", @"CORP\ops3"];
    public static readonly string[] Seed = [@"CORP\wmaximoff", @"CORP\jdoe", @"CORP\dprince"];

    public static IEnumerable<string> Denied => Support.Concat(Finance).Concat(Engineering).Concat(Ops).Concat(Seed);

    /// <summary>Adds the users and rules, and takes every free Professional seat away.</summary>
    public static void Apply(SiteStore store)
    {
        AddUsers(store, Support, "Support");
        AddUsers(store, Finance, "Finance");
        AddUsers(store, Engineering, "Engineering");
        AddUsers(store, Ops, "Ops <EU>");
        store.AddLicenseRule(AccessKind.Professional, FinanceRule, "((user.group=\"Finance\"))", disabled: true);
        store.AddLicenseRule(AccessKind.Professional, EngineeringRule, "((user.group=\"Engineering\" and user.userDirectory=\"CORP\"))");
        store.SetLicenseTotals(store.Count(QrsTypes.ProfessionalAccessType), store.AnalyzerTotal);
    }

    /// <summary>Writes <c>Repository/Audit/QLIKSIM_AuditSecurity_Repository.txt</c> under <paramref name="folder"/>, one denial of each user.</summary>
    public static string WriteLog(string folder, DateTime deniedUtc)
    {
        var file = Path.Combine(folder, "Repository", "Audit", "QLIKSIM_AuditSecurity_Repository.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var log = new StringBuilder("Sequence#\tProductVersion\tTimestamp\tHostname\tId\tDescription\tProxySessionId\tUserDirectory\tUserId\tClientHostAddress\tOrigin\tContext\tCommand\tResult\tMessage\r\n");
        var sequence = 0;
        foreach (var user in Denied)
        {
            var (directory, userId) = (user[..user.IndexOf('\\')], user[(user.IndexOf('\\') + 1)..]);
            var time = deniedUtc.AddMinutes(sequence).ToString("yyyyMMdd'T'HHmmss.fff'+0000'", CultureInfo.InvariantCulture);
            var session = EntityShapes.StableGuid("session:" + user);
            log.Append(CultureInfo.InvariantCulture, $"{++sequence}\t14.0.0\t{time}\tQLIKSIM\t{EntityShapes.StableGuid("denial:" + user)}\t")
                .Append("Command=License user access;Result=403;ResultText=Error: Access denied\t")
                .Append(CultureInfo.InvariantCulture, $"{session}\t{directory}\t{userId}\t::ffff:10.0.0.{sequence}\tAppAccess\t/qrs/requestaccesstype\tLicense user access\t403\t")
                .Append(CultureInfo.InvariantCulture, $"Access was denied for User: '{user}', with AccessID '{session}', SessionID: '{session}', SessionCount: '1', Hostname: '::ffff:10.0.0.{sequence}', OperationType: 'UsageDenied'\r\n");
        }
        File.WriteAllText(file, log.ToString(), new UTF8Encoding(true));
        return file;
    }

    private static void AddUsers(SiteStore store, IEnumerable<string> users, string group)
    {
        foreach (var user in users)
        {
            var userId = user[(user.IndexOf('\\') + 1)..];
            store.AddUser("CORP", userId, userId, [group]);
        }
    }
}
