using System;
using System.Collections.Generic;
using System.Globalization;
using QlikLicense.Model;

namespace QlikLicense.Logs
{
    /// <summary>
    /// Reads why a denial happened from the messages of its lines. Called only when a denial's cause is asked for
    /// (<see cref="LicenseDenialEvent.Cause"/>), on the lines the scan already took for denials (their messages decoded
    /// anyway), never during the search for them, so the scan costs what it did.
    /// <para>
    /// What is known: Qlik's proxy names a result code (<c>result code 'NoAvailableAccessType'</c>, in the real 2018
    /// sample) and the License trace says <c>No available access type</c>; since June 2019 the repository's
    /// message carries <c>SessionCount: '5'</c> when a person has the most parallel sessions open (Qlik's support
    /// article, which adds that the same message may appear when no license was assigned). The other codes and
    /// wordings below are unconfirmed guesses at what later versions write; a line that matches none is Unstated.
    /// </para>
    /// </summary>
    internal static class DenialCauseReader
    {
        /// <summary>The most parallel sessions one person may hold (Qlik's help: five, for every access type).</summary>
        public const int MaximumParallelSessions = 5;

        private const string ResultCodeLabel = "result code";
        private const string CompactResultCodeLabel = "resultcode";

        /// <summary>Result-code names, as the word after <c>result code</c> (the proxy writes them in quotes).</summary>
        private static readonly Dictionary<string, LicenseDenialCause> ResultCodes = new Dictionary<string, LicenseDenialCause>(StringComparer.OrdinalIgnoreCase)
        {
            ["NoAvailableAccessType"] = LicenseDenialCause.NoAccessType,
            ["NoAccessType"] = LicenseDenialCause.NoAccessType,
            ["NoAccessPass"] = LicenseDenialCause.NoAccessType,
            ["TooManySessions"] = LicenseDenialCause.TooManySessions,
            ["TooManyParallelSessions"] = LicenseDenialCause.TooManySessions,
            ["MaxSessionsReached"] = LicenseDenialCause.TooManySessions,
            ["PendingUserSync"] = LicenseDenialCause.PendingUserSync,
            ["UserSyncPending"] = LicenseDenialCause.PendingUserSync,
            ["UnknownUser"] = LicenseDenialCause.UnknownUser,
            ["UserNotFound"] = LicenseDenialCause.UnknownUser,
            ["LicenseNotAvailable"] = LicenseDenialCause.LicenseNotAvailable,
            ["LicenseExpired"] = LicenseDenialCause.LicenseNotAvailable,
            ["LicenseInvalid"] = LicenseDenialCause.LicenseNotAvailable,
            ["ExcessAssignment"] = LicenseDenialCause.ExcessAssignment,
            ["ExcessAllocation"] = LicenseDenialCause.ExcessAssignment,
        };

        /// <summary>Wordings, compared without regard to case (licence and license both).</summary>
        private static readonly (string Words, LicenseDenialCause Cause)[] Phrases =
        {
            ("no available access type", LicenseDenialCause.NoAccessType),
            ("no access pass", LicenseDenialCause.NoAccessType),
            ("too many sessions", LicenseDenialCause.TooManySessions),
            ("parallel sessions", LicenseDenialCause.TooManySessions),
            ("session limit", LicenseDenialCause.TooManySessions),
            ("user sync", LicenseDenialCause.PendingUserSync),
            ("not yet synchronized", LicenseDenialCause.PendingUserSync),
            ("unknown user", LicenseDenialCause.UnknownUser),
            ("user not found", LicenseDenialCause.UnknownUser),
            ("license not available", LicenseDenialCause.LicenseNotAvailable),
            ("licence not available", LicenseDenialCause.LicenseNotAvailable),
            ("license has expired", LicenseDenialCause.LicenseNotAvailable),
            ("licence has expired", LicenseDenialCause.LicenseNotAvailable),
            ("excess", LicenseDenialCause.ExcessAssignment),
        };

        /// <summary>
        /// The cause the lines of one denial tell, best witness first: a specific cause any line names wins over
        /// "no access type" (which Qlik's traces write for every refusal), and that over none.
        /// </summary>
        public static LicenseDenialCause Of(IEnumerable<string?> messages)
        {
            var cause = LicenseDenialCause.Unstated;
            foreach (var message in messages)
            {
                var read = Read(message);
                if (read == LicenseDenialCause.Unstated) continue;
                if (read != LicenseDenialCause.NoAccessType) return read;
                cause = read;
            }
            return cause;
        }

        /// <summary>The cause one message names: a result code, then a wording, then the session count at its limit.</summary>
        public static LicenseDenialCause Read(string? message)
        {
            if (string.IsNullOrEmpty(message)) return LicenseDenialCause.Unstated;
            var generic = false;
            if (ResultCode(message!) is string code && ResultCodes.TryGetValue(code, out var coded))
            {
                if (coded != LicenseDenialCause.NoAccessType) return coded;
                generic = true;
            }
            foreach (var (words, cause) in Phrases)
            {
                if (message!.IndexOf(words, StringComparison.OrdinalIgnoreCase) < 0) continue;
                if (cause != LicenseDenialCause.NoAccessType) return cause;
                generic = true;
            }
            if (int.TryParse(LicenseDenialRecognizer.MessageValue(message, "SessionCount"), NumberStyles.None, CultureInfo.InvariantCulture, out var sessions)
                && sessions >= MaximumParallelSessions)
                return LicenseDenialCause.TooManySessions;
            return generic ? LicenseDenialCause.NoAccessType : LicenseDenialCause.Unstated;
        }

        /// <summary>The name after <c>result code</c> (or <c>ResultCode</c>), quotes, colons and spaces skipped; null when there is none.</summary>
        private static string? ResultCode(string message)
        {
            var label = message.IndexOf(ResultCodeLabel, StringComparison.OrdinalIgnoreCase);
            var start = label < 0 ? -1 : label + ResultCodeLabel.Length;
            if (start < 0)
            {
                label = message.IndexOf(CompactResultCodeLabel, StringComparison.OrdinalIgnoreCase);
                start = label < 0 ? -1 : label + CompactResultCodeLabel.Length;
            }
            if (start < 0) return null;
            while (start < message.Length && !char.IsLetter(message[start])) start++;
            var end = start;
            while (end < message.Length && char.IsLetter(message[end])) end++;
            return end > start ? message.Substring(start, end - start) : null;
        }
    }
}
