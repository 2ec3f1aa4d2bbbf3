using System;

namespace QlikLicense.Qrs
{
    /// <summary>What the site and tenant clients share when a request fails: the exception chain, and how much of an error body is kept.</summary>
    internal static class HttpFailures
    {
        private const int MaxErrorBodyLength = 2000;

        public static bool HasInner<T>(Exception error) where T : Exception
        {
            for (Exception? current = error; current != null; current = current.InnerException)
                if (current is T) return true;
            return false;
        }

        public static Exception Innermost(Exception error)
        {
            while (error.InnerException != null) error = error.InnerException;
            return error;
        }

        /// <summary>An error body as shown in ErrorDetails: trimmed, at most 2,000 characters, null when empty.</summary>
        public static string? TrimBody(string? text)
        {
            if (text == null || string.IsNullOrWhiteSpace(text)) return null;
            text = text.Trim();
            return text.Length <= MaxErrorBodyLength ? text : text.Substring(0, MaxErrorBodyLength) + "…";
        }
    }
}
