using System;
using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;

namespace QlikLicense.Logs
{
    /// <summary>Groups denial events per user.</summary>
    public static class LicenseDenialAggregator
    {
        /// <summary>
        /// One summary per user, users matched case-insensitively on directory and user id (as Qlik matches them);
        /// the spelling shown is the first event's. Ordered by directory, then user id.
        /// </summary>
        public static IReadOnlyList<LicenseDenialSummary> Aggregate(IEnumerable<LicenseDenialEvent> events)
        {
            if (events == null) throw new ArgumentNullException(nameof(events));

            var users = new Dictionary<string, UserDenials>(StringComparer.OrdinalIgnoreCase);
            var order = new List<UserDenials>();
            foreach (var denial in events)
            {
                var key = denial.UserDirectory + "\\" + denial.UserId;
                if (!users.TryGetValue(key, out var user))
                {
                    users.Add(key, user = new UserDenials(denial));
                    order.Add(user);
                }
                user.Add(denial);
            }

            return order
                .OrderBy(user => user.UserDirectory, StringComparer.OrdinalIgnoreCase)
                .ThenBy(user => user.UserId, StringComparer.OrdinalIgnoreCase)
                .Select(user => user.ToSummary())
                .ToArray();
        }

        private sealed class UserDenials
        {
            private readonly HashSet<string> seenHostnames = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            private readonly List<string> hostnames = new List<string>();
            private readonly HashSet<string> seenFiles = new HashSet<string>(StringComparer.Ordinal);
            private readonly List<string> files = new List<string>();
            private DateTime first = DateTime.MaxValue;
            private DateTime last = DateTime.MinValue;
            private int count;
            private bool isServiceAccount;
            private readonly List<LicenseDenialEvent> denials = new List<LicenseDenialEvent>();

            public UserDenials(LicenseDenialEvent denial)
            {
                UserDirectory = denial.UserDirectory;
                UserId = denial.UserId;
            }

            public string UserDirectory { get; }
            public string UserId { get; }

            public void Add(LicenseDenialEvent denial)
            {
                var time = denial.TimeUtc;
                if (time < first) first = time;
                if (time > last) last = time;
                count++;
                isServiceAccount |= denial.IsServiceAccount;
                denials.Add(denial);
                if (denial.ClientAddress != null && seenHostnames.Add(denial.ClientAddress)) hostnames.Add(denial.ClientAddress);
                foreach (var file in denial.Files)
                {
                    if (seenFiles.Add(file)) files.Add(file);
                }
            }

            public LicenseDenialSummary ToSummary() =>
                new LicenseDenialSummary(UserDirectory, UserId, first, last, count, hostnames.ToArray(), files.ToArray(), isServiceAccount, Cause());

            /// <summary>The cause of the latest denial that states one, reading the denials newest first: mostly one per person.</summary>
            private LicenseDenialCause Cause()
            {
                foreach (var denial in denials.OrderByDescending(denial => denial.TimeUtc))
                    if (denial.Cause != LicenseDenialCause.Unstated) return denial.Cause;
                return LicenseDenialCause.Unstated;
            }
        }
    }
}
