using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator.Cloud;

/// <summary>
/// The curated tenant (ours, like seed/site.json for the site): the API key's owner (a Tenant Admin) and a user of
/// every status in the cases the routine meets: disabled and deleted users still holding seats, seats used recently,
/// long ago and never, a provisioned user never signed in, an invited user, users refused a licence (one only in
/// the audit archive), a user on analyzer capacity, orphaned assignments from another tenant and from a
/// client-managed site, subjects whose case differs from the assignments', quotes and non-ASCII letters in names.
/// Dates are relative to the tenant clock.
/// </summary>
public static class TenantSeed
{
    public const string AdminSubject = "auth0|qliksim-admin";
    public const string RecentProfessionalSubject = "AzureAD|3F2504E0-4F89-11D3-9A0C-0305E82C3301";
    public const string AnalyzerUsed45DaysAgoSubject = "AzureAD|7C9E6679-7425-40DE-944B-E07FC1F90AE7";
    public const string AnalyzerNeverUsedSubject = "auth0|olga.petrova";
    public const string ProfessionalUsed200DaysAgoSubject = "auth0|lukasz.dvorak";
    public const string DisabledProfessionalSubject = "AzureAD|9B2D0E5F-1C3A-4B6D-8E7F-0A1B2C3D4E5F";
    public const string DisabledAnalyzerSubject = "AzureAD|1A2B3C4D-5E6F-4A7B-8C9D-0E1F2A3B4C5D";
    public const string DisabledUnassignedSubject = "AzureAD|5D4C3B2A-1F0E-4D9C-8B7A-6F5E4D3C2B1A";
    public const string DeletedAnalyzerSubject = "AzureAD|0F1E2D3C-4B5A-4968-8776-655443322110";
    public const string InvitedSubject = "auth0|priya.singh";
    public const string ProvisionedAnalyzerSubject = "AzureAD|2C3D4E5F-6A7B-4C8D-9E0F-1A2B3C4D5E6F";
    public const string DeniedSubject = "auth0|sara.lind";
    public const string DeniedLongAgoSubject = "auth0|karen.white";
    public const string AnalyzerCapacitySubject = "auth0|yuki.tanaka";

    /// <summary>Assigned to a subject of another tenant (the example subject of Qlik's API description).</summary>
    public const string OrphanOtherTenantSubject = "qlik\\kalle";

    /// <summary>Assigned to a user of a client-managed site that shares the licence (unified licence).</summary>
    public const string OrphanSiteSubject = "corp\\site.user";

    public static readonly TenantGroup Sales = new("6123abcd0000000000000001", "Sales");
    public static readonly TenantGroup Finance = new("6123abcd0000000000000002", "Finance");
    public static readonly TenantGroup It = new("6123abcd0000000000000003", "IT");
    public static readonly TenantGroup Analysts = new("6123abcd0000000000000004", "Analysts");

    /// <summary>Loads the seed; returns the API key's owner.</summary>
    public static TenantUser Load(TenantStore store)
    {
        ArgumentNullException.ThrowIfNull(store);
        var now = store.Clock.UtcNow;
        store.SetAllotment(CloudLicenseType.Professional, 10);
        store.SetAllotment(CloudLicenseType.Analyzer, 20);

        var admin = store.AddUser(AdminSubject, "Tenant Admin", "admin@qliksim.example", TenantUserStatus.Active, [It], now.AddDays(-700), ["TenantAdmin"]);
        Seat(store, admin, CloudLicenseType.Professional, now.AddDays(-700), now.AddHours(-2));

        var jane = store.AddUser(RecentProfessionalSubject, "Jane Doe", "jane.doe@qliksim.example", TenantUserStatus.Active, [Sales], now.AddDays(-400));
        Seat(store, jane, CloudLicenseType.Professional, now.AddDays(-390), now.AddDays(-2), now.AddDays(-20), now.AddDays(-70));
        // An old sign-in under the deprecated event name, a recent one under the current name.
        store.AddAuditEvent(AuditEvent.SessionBeginDeprecated, now.AddDays(-70), jane.Id, new JObject { ["subject"] = jane.Subject }, "com.qlik/edge-auth");

        var ahmed = store.AddUser(AnalyzerUsed45DaysAgoSubject, "Ahmed Khan", "ahmed.khan@qliksim.example", TenantUserStatus.Active, [Finance, Analysts], now.AddDays(-300));
        Seat(store, ahmed, CloudLicenseType.Analyzer, now.AddDays(-290), now.AddDays(-45), now.AddDays(-95));

        var olga = store.AddUser(AnalyzerNeverUsedSubject, "Olga Petrova", "olga.petrova@qliksim.example", TenantUserStatus.Active, [Finance], now.AddDays(-120));
        Seat(store, olga, CloudLicenseType.Analyzer, now.AddDays(-100));

        var lukasz = store.AddUser(ProfessionalUsed200DaysAgoSubject, "Łukasz Dvořák", "lukasz.dvorak@qliksim.example", TenantUserStatus.Active, [It], now.AddDays(-500));
        Seat(store, lukasz, CloudLicenseType.Professional, now.AddDays(-480), now.AddDays(-200));

        var mark = store.AddUser(DisabledProfessionalSubject, "Mark O'Connor", "mark.oconnor@qliksim.example", TenantUserStatus.Disabled, [Sales], now.AddDays(-600));
        Seat(store, mark, CloudLicenseType.Professional, now.AddDays(-590), now.AddDays(-60));

        var betty = store.AddUser(DisabledAnalyzerSubject, "Betty Núñez", "betty.nunez@qliksim.example", TenantUserStatus.Disabled, [Sales, Analysts], now.AddDays(-250));
        Seat(store, betty, CloudLicenseType.Analyzer, now.AddDays(-240));

        store.AddUser(DisabledUnassignedSubject, "Thomas Green", "thomas.green@qliksim.example", TenantUserStatus.Disabled, [Finance], now.AddDays(-800));

        // Unconfirmed whether a user marked deleted still holds a seat; the seed keeps one so clients handle it.
        var former = store.AddUser(DeletedAnalyzerSubject, "Former Employee", "former.employee@qliksim.example", TenantUserStatus.Deleted, [], now.AddDays(-900));
        Seat(store, former, CloudLicenseType.Analyzer, now.AddDays(-880), now.AddDays(-150));

        store.AddUser(InvitedSubject, "Priya Singh", "priya.singh@qliksim.example", TenantUserStatus.Invited, [Analysts], now.AddDays(-3));

        var wei = store.AddUser(ProvisionedAnalyzerSubject, "Wei Chen", "wei.chen@qliksim.example", TenantUserStatus.Provisioned, [Sales], now.AddDays(-30));
        Seat(store, wei, CloudLicenseType.Analyzer, now.AddDays(-30));

        var sara = store.AddUser(DeniedSubject, "Sara Lind", "sara.lind@qliksim.example", TenantUserStatus.Active, [Analysts, Sales], now.AddDays(-10));
        Rejected(store, sara, now.AddDays(-3));
        Rejected(store, sara, now.AddDays(-1));

        var karen = store.AddUser(DeniedLongAgoSubject, "Karen White", "karen.white@qliksim.example", TenantUserStatus.Active, [Finance], now.AddDays(-200));
        Rejected(store, karen, now.AddDays(-100));

        var yuki = store.AddUser(AnalyzerCapacitySubject, "Yuki Tanaka", "yuki.tanaka@qliksim.example", TenantUserStatus.Active, [Analysts], now.AddDays(-60));
        store.AddConsumption(yuki.Id, now.AddDays(-5), TimeSpan.FromMinutes(18), ConsumptionRecord.AnalyzerCapacity, minutesUsed: 18);
        store.AddAuditEvent(AuditEvent.SessionBegun, now.AddDays(-5).AddMinutes(-18), yuki.Id, new JObject { ["subject"] = yuki.Subject }, "com.qlik/edge-auth");

        store.Assign(OrphanOtherTenantSubject, CloudLicenseType.Professional, now.AddDays(-365));
        store.Assign(OrphanSiteSubject, CloudLicenseType.Analyzer, now.AddDays(-180));
        return admin;
    }

    /// <summary>An assignment, a consumption record (with its sign-in event) for each use, newest first.</summary>
    private static void Seat(TenantStore store, TenantUser user, CloudLicenseType type, DateTime assigned, params DateTime[] uses)
    {
        store.Assign(user.Subject, type, assigned);
        foreach (var end in uses)
        {
            var length = TimeSpan.FromMinutes(25);
            store.AddConsumption(user.Id, end, length);
            store.AddAuditEvent(AuditEvent.SessionBegun, end - length, user.Id, new JObject { ["subject"] = user.Subject }, "com.qlik/edge-auth");
        }
    }

    private static void Rejected(TenantStore store, TenantUser user, DateTime when) =>
        store.AddAuditEvent(AuditEvent.LicenseRejected, when, user.Id, new JObject
        {
            ["subject"] = user.Subject,
            ["type"] = "analyzer",
            ["message"] = "No available license for the user.",
            ["license"] = store.LicenseNumber,
        });
}
