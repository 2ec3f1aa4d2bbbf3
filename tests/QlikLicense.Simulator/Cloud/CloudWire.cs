using System.Globalization;

namespace QlikLicense.Simulator.Cloud;

/// <summary>How the tenant writes names and times on the wire.</summary>
internal static class CloudWire
{
    public static string Name(CloudLicenseType type) => type == CloudLicenseType.Professional ? "professional" : "analyzer";

    public static string Name(TenantUserStatus status) => status.ToString().ToLowerInvariant();

    public static bool TryParseType(string text, out CloudLicenseType type)
    {
        switch (text?.ToLowerInvariant())
        {
            case "professional":
                type = CloudLicenseType.Professional;
                return true;
            case "analyzer":
                type = CloudLicenseType.Analyzer;
                return true;
            default:
                type = default;
                return false;
        }
    }

    /// <summary>ISO 8601 UTC with milliseconds, like Qlik Cloud's "2020-12-03T09:24:48.114Z".</summary>
    public static string Time(DateTime utc) => utc.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    /// <summary>An ISO 8601 duration such as "PT12M30S" (the consumption record's duration; its exact form is unconfirmed).</summary>
    public static string Duration(TimeSpan duration) => System.Xml.XmlConvert.ToString(duration);

    /// <summary>An ISO 8601 interval of whole days, "2026-01-01/2026-12-31" (the licence's validity).</summary>
    public static string Interval(DateTime from, DateTime to) =>
        from.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) + "/" + to.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    public static bool TryParseTime(string text, out DateTime utc) =>
        DateTime.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out utc);
}
