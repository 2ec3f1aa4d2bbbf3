using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using QlikLicense.Model;
using QlikLicense.Maintenance.Routine;

namespace QlikLicense.Maintenance
{
    /// <summary>The wording of the causes of denials, the monthly check's further findings and the pools' trends.</summary>
    internal static partial class MaintenanceMessages
    {
        /// <summary>Why people were refused, and the advice for causes a seat would not fix.</summary>
        internal static class Causes
        {
            public static string LicenseUnread(string site, string reason) =>
                $"Could not read the license of {site} ({reason}); denials are not checked against its validity.";

            public static string TooManySessions(int people) =>
                $"{People(people)} hold{S(people)} an access type but had the most parallel sessions open (5 per person): no seat is needed. " +
                "Ask them to close other browsers, devices or virtual proxies, or wait until their sessions time out.";

            public static string PendingUserSync(int people) =>
                $"{People(people)} {Was(people)} refused just after an access type was allocated to them, before it reached every node: no seat is needed. " +
                "The next login works; if refusals go on, check the repository synchronisation between the nodes.";

            public static string UnknownUser(int people) =>
                $"{People(people)} {Was(people)} refused but the repository does not know them: a seat cannot be allocated to them. " +
                "Synchronise the user directory connector, or check the user directory the virtual proxy assigns.";

            public static string LicenseNotAvailable(int people, SiteLicense? license) =>
                $"{People(people)} {Was(people)} refused while the license was not usable" + LicenseState(license) + ": seats would not help. " +
                "Renew or update the license (QMC, License management > Site license), then let them try again.";

            public static string ExcessAssignment(int people, LicenseAccessType? type) =>
                $"{People(people)} hold{S(people)} {(type == null ? "an allocation" : $"a {type} allocation")} beyond the seats of the license (excess): " +
                "release allocations until the license covers the rest, those named here first (Get-QlikLicenseFinding -Kind ExcessAllocation says why).";

            private static string LicenseState(SiteLicense? license)
            {
                if (license == null) return string.Empty;
                if (license.IsExpired) return " (QRS says it has expired" + (license.ExpiredReason == null ? string.Empty : ": " + license.ExpiredReason) + ")";
                if (license.IsInvalid) return " (QRS says it is invalid or deny-listed)";
                return license.EndDate == null ? string.Empty : " (it ended on " + Day(license.EndDate.Value) + ")";
            }
        }

        /// <summary>Users marked never to release.</summary>
        internal static class Marks
        {
            public static string NotOnSite(string site, UserMarks marks) =>
                $"{site} has no QMC tags or custom properties on users, so {marks} cannot leave anyone out there. Nothing was offered for release; leave users out with -Exclude instead.";

            public static string Found(int users, UserMarks marks) =>
                $"{users} user(s) carry {marks}: never offered for release.";
        }

        /// <summary>Sites sharing one license: who another of them saw.</summary>
        internal static class SharedUse
        {
            public static string LicenseUnread(string site, string reason) =>
                $"Could not read the license of {site} ({reason}): its allocations unused there are judged on that site alone.";

            public static string UseUnread(string site, string reason) =>
                $"Could not read who used {site} recently ({reason}): it shares a license with other sites of this run, so nobody is offered there as unused.";

            public static string Checking(string site, IReadOnlyList<string> sharing) =>
                $"{site} shares its license with {string.Join(", ", sharing)}: a person counts as unused only when none of them saw them either.";

            public static string KeptUsedElsewhere(LicenseAllocation allocation) =>
                $"{allocation.Description} is unused here but was used on a site with the same license: not offered.";
        }

        /// <summary>The findings of the monthly check beyond inactive users and denials.</summary>
        internal static class Findings
        {
            /// <summary>Why an allocation above the license comes at its place in the order.</summary>
            internal static class WhyFirst
            {
                public const string HoldsProfessional = "the person holds Professional too, which covers Analyzer";
                public const string Inactive = "the user is removed from the directory or blocked";
                public const string LeastUsed = "of the rest it is the longest unused";
            }

            public static string Excess(LicenseAccessType type, int over, int rank, string why, DateTime? lastUsed) =>
                $"{over} {type} allocation(s) more than the license holds; release this one {Ordinal(rank)}: {why} (last used {(lastUsed == null ? "never" : Day(lastUsed.Value))}).";

            public static string ProfessionalAndAnalyzer(LicenseAllocation analyzer) =>
                $"{analyzer.UserIdentity} holds both Professional and Analyzer access; Professional gives everything Analyzer does, so the Analyzer seat is spare: release it.";

            public static string LicenseNotUsable(string site, SiteLicense license) =>
                $"The license of {site} " + (license.IsExpired ? "has expired" + (license.ExpiredReason == null ? string.Empty : $" ({license.ExpiredReason})")
                    : license.IsInvalid ? "is invalid or deny-listed"
                    : "ended on " + Day(license.EndDate!.Value)) +
                ": nobody can be given access. Renew or update it (QMC, License management > Site license).";

            public static string LicenseEnds(string site, DateTime end, int daysLeft, LicenseEndDateSource? source) =>
                $"The license of {site} ends on {Day(end)}, in {daysLeft} day(s)" +
                (source == LicenseEndDateSource.LicenseFile ? " (the license file's time limit)" : source == LicenseEndDateSource.SignedKey ? " (the signed key's validity)" : string.Empty) +
                ": renew it before then, or everyone is refused a license.";

            private static string Ordinal(int rank)
            {
                if (rank == 1) return "first";
                var suffix = rank % 100 >= 11 && rank % 100 <= 13 ? "th" : (rank % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" };
                return rank.ToString(CultureInfo.InvariantCulture) + suffix;
            }
        }

        /// <summary>When the pools run out.</summary>
        internal static class Trends
        {
            public static string NotEnoughHistory(int runs, int needed) =>
                $"Not enough history: {runs} run(s) so far, a trend needs {needed}.";

            public static string Full(LicensePool pool, int inUse, int total) =>
                $"Run out now: {inUse} of {total} {pool.Unit} taken.";

            public static string NotGrowing(LicensePool pool, double perMonth) =>
                $"Not growing ({Signed(perMonth)} {pool.Unit} a month).";

            public static string Growing(LicensePool pool, double perMonth, DateTime? runsOut) =>
                $"Growing by {Signed(perMonth)} {pool.Unit} a month" +
                (runsOut == null ? "; the pool's size is unknown." : $": runs out in {runsOut.Value.ToString("MMMM yyyy", CultureInfo.InvariantCulture)} at that rate.");

            private static string Signed(double value) => (value > 0 ? "+" : string.Empty) + value.ToString("0.#", CultureInfo.InvariantCulture);
        }

        internal static string People(int count) => count == 1 ? "One person" : count.ToString(CultureInfo.InvariantCulture) + " people";

        internal static string Day(DateTime value) => QlikDates.ToUtc(value).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

        private static string Was(int count) => count == 1 ? "was" : "were";

        private static string S(int count) => count == 1 ? "s" : string.Empty;
    }
}
