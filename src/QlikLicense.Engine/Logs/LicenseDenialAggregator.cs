using System;
using System.Collections.Generic;
using System.Linq;
using System.Runtime.CompilerServices;
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
        [MethodImpl(LogFileReader.HotPath)]
        public static IReadOnlyList<LicenseDenialSummary> Aggregate(IEnumerable<LicenseDenialEvent> events)
        {
            if (events == null) throw new ArgumentNullException(nameof(events));

            var users = new UserTable<UserDenials>();
            foreach (var denial in events)
            {
                users.GetOrAdd(denial.UserDirectory, denial.UserId, NewUser).Add(denial);
            }

            return users.Values
                .OrderBy(user => user.UserDirectory, StringComparer.OrdinalIgnoreCase)
                .ThenBy(user => user.UserId, StringComparer.OrdinalIgnoreCase)
                .Select(user => user.ToSummary())
                .ToArray();
        }

        private static UserDenials NewUser(string directory, string userId) => new UserDenials(directory, userId);

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

            /// <summary>Whether the denials came oldest first, as a scan gives them: the newest are then the last.</summary>
            private bool inTimeOrder = true;

            /// <summary>The previous denial's address and files: a scan hands out the same instances while they recur, which need no hashing.</summary>
            private string? previousAddress;
            private IReadOnlyList<string>? previousFiles;

            public UserDenials(string userDirectory, string userId)
            {
                UserDirectory = userDirectory;
                UserId = userId;
            }

            public string UserDirectory { get; }
            public string UserId { get; }

            [MethodImpl(LogFileReader.HotPath)]
            public void Add(LicenseDenialEvent denial)
            {
                var time = denial.TimeUtc;
                if (time < first) first = time;
                if (time < last) inTimeOrder = false;
                else last = time;
                count++;
                isServiceAccount |= denial.IsServiceAccount;
                denials.Add(denial);

                var address = denial.ClientAddress;
                if (address != null && !ReferenceEquals(address, previousAddress) && seenHostnames.Add(address)) hostnames.Add(address);
                previousAddress = address;

                var denialFiles = denial.Files;
                if (ReferenceEquals(denialFiles, previousFiles)) return;
                // By index: a foreach over the list interface would allocate an enumerator per denial.
                for (var index = 0; index < denialFiles.Count; index++)
                {
                    if (seenFiles.Add(denialFiles[index])) files.Add(denialFiles[index]);
                }
                previousFiles = denialFiles;
            }

            public LicenseDenialSummary ToSummary() =>
                new LicenseDenialSummary(UserDirectory, UserId, first, last, count, hostnames.ToArray(), files.ToArray(), isServiceAccount, Cause());

            /// <summary>
            /// The cause of the latest denial that states one, reading the denials newest first (denials of the same
            /// instant in the order they came): mostly one per person, whose message alone is decoded. A scan gives
            /// them oldest first already, which spares sorting tens of thousands.
            /// </summary>
            [MethodImpl(LogFileReader.HotPath)]
            private LicenseDenialCause Cause()
            {
                // A stable sort: denials of one instant keep the order they came in.
                var oldestFirst = inTimeOrder ? denials : denials.OrderBy(denial => denial.TimeUtc).ToList();
                var end = oldestFirst.Count;
                while (end > 0)
                {
                    var start = end - 1;
                    var time = oldestFirst[start].TimeUtc;
                    while (start > 0 && oldestFirst[start - 1].TimeUtc == time) start--;
                    for (var index = start; index < end; index++)
                        if (oldestFirst[index].Cause != LicenseDenialCause.Unstated) return oldestFirst[index].Cause;
                    end = start;
                }
                return LicenseDenialCause.Unstated;
            }
        }
    }
}
