using System;
using System.Globalization;

namespace QlikLicense
{
    /// <summary>The one place for date handling: QRS speaks UTC ISO-8601, callers speak their own time zone.</summary>
    public static class QlikDates
    {
        /// <summary>QRS writes "never" (never used, not in quarantine) as a minimum date such as 1753-01-01.</summary>
        public static readonly DateTime NeverThresholdUtc = new DateTime(1900, 1, 1, 0, 0, 0, DateTimeKind.Utc);

        private const string QrsFormat = "yyyy-MM-dd'T'HH:mm:ss.fff'Z'";

        /// <summary>A caller's DateTime as a UTC instant: Local and Unspecified mean the caller's own time zone.</summary>
        public static DateTime ToUtc(DateTime value)
        {
            switch (value.Kind)
            {
                case DateTimeKind.Utc: return value;
                case DateTimeKind.Local: return value.ToUniversalTime();
                default: return DateTime.SpecifyKind(value, DateTimeKind.Local).ToUniversalTime();
            }
        }

        /// <summary>A caller's DateTime as an absolute instant, for comparing with timestamps that carry their own offset.</summary>
        public static DateTimeOffset ToInstant(DateTime value) => new DateTimeOffset(ToUtc(value));

        /// <summary>The literal used inside QRS filters and request bodies.</summary>
        public static string ToQrsLiteral(DateTime value) => ToUtc(value).ToString(QrsFormat, CultureInfo.InvariantCulture);

        /// <summary>
        /// The literal of Qlik Cloud's time parameters (the audits' eventTime, YYYY-MM-DDThh:mm:ss.sssZ): the same UTC
        /// form to the millisecond as QRS's.
        /// </summary>
        public static string ToCloudLiteral(DateTimeOffset value) => value.UtcDateTime.ToString(QrsFormat, CultureInfo.InvariantCulture);

        /// <summary>A date for messages: UTC to the millisecond, so two versions of an entity can be told apart.</summary>
        public static string ToMessageText(DateTime? value) =>
            value == null ? "an unknown time" : ToUtc(value.Value).ToString("yyyy-MM-dd HH:mm:ss.fff 'UTC'", CultureInfo.InvariantCulture);

        /// <summary>Parses a QRS date; minimum ("never") dates and empty values become null.</summary>
        public static DateTime? ParseQrsDate(string? value)
        {
            if (string.IsNullOrWhiteSpace(value)) return null;
            var parsed = DateTime.Parse(value, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal);
            return FromQrs(parsed);
        }

        /// <summary>Normalises a date Newtonsoft already parsed: UTC, and null for "never".</summary>
        public static DateTime? FromQrs(DateTime? value)
        {
            if (value == null) return null;
            var utc = value.Value.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(value.Value, DateTimeKind.Utc) : value.Value.ToUniversalTime();
            return utc < NeverThresholdUtc ? (DateTime?)null : utc;
        }
    }
}
