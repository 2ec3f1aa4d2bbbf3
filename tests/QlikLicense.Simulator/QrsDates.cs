using System.Globalization;

namespace QlikLicense.Simulator;

/// <summary>QRS date strings: ISO 8601 UTC with milliseconds; 1753-01-01 stands for "never".</summary>
public static class QrsDates
{
    public const string Never = "1753-01-01T00:00:00.000Z";
    public static readonly DateTime NeverUtc = new(1753, 1, 1, 0, 0, 0, DateTimeKind.Utc);

    public static string Format(DateTime utc) =>
        DateTime.SpecifyKind(utc.Kind == DateTimeKind.Local ? utc.ToUniversalTime() : utc, DateTimeKind.Utc)
            .ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    public static string FormatOrNever(DateTime? utc) => utc.HasValue ? Format(utc.Value) : Never;

    /// <summary>Parses an ISO 8601 date/time (with Z or an offset, or none = UTC).</summary>
    public static bool TryParse(string text, out DateTime utc)
    {
        utc = default;
        if (string.IsNullOrEmpty(text) || text.Length < 10 || !char.IsDigit(text[0]) || text[4] != '-') return false;
        if (!DateTime.TryParse(text, CultureInfo.InvariantCulture,
                DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var parsed))
            return false;
        utc = DateTime.SpecifyKind(parsed, DateTimeKind.Utc);
        return true;
    }

    public static bool IsNever(DateTime utc) => utc <= NeverUtc;
}
