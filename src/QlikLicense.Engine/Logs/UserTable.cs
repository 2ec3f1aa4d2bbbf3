using System;
using System.Collections.Generic;
using System.Runtime.CompilerServices;

namespace QlikLicense.Logs
{
    /// <summary>
    /// One value per user, users matched case-insensitively on <c>directory\user</c> (as Qlik matches them), in the
    /// order they were first seen. The scan hands out the same string instances for a name while its bytes recur
    /// (<see cref="DenialTextStore"/>), so the pair of instances finds a user seen before without building and hashing
    /// the <c>directory\user</c> text for every line; a pair not seen yet is looked up by that text.
    /// </summary>
    internal sealed class UserTable<T> where T : class
    {
        private readonly Dictionary<string, T> byName = new Dictionary<string, T>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<InstancePair, T> byInstances = new Dictionary<InstancePair, T>();
        private readonly List<T> values = new List<T>();

        /// <summary>The values, in the order their users were first seen.</summary>
        public IReadOnlyList<T> Values => values;

        /// <summary>The user's value, made by <paramref name="create"/> for a user not seen yet.</summary>
        [MethodImpl(LogFileReader.HotPath)]
        public T GetOrAdd(string directory, string userId, Func<string, string, T> create)
        {
            var instances = new InstancePair(directory, userId);
            if (byInstances.TryGetValue(instances, out var value)) return value;

            var name = directory + "\\" + userId;
            if (!byName.TryGetValue(name, out value))
            {
                value = create(directory, userId);
                byName.Add(name, value);
                values.Add(value);
            }
            byInstances.Add(instances, value);
            return value;
        }

        /// <summary>Two strings compared as instances, not as text.</summary>
        private readonly struct InstancePair : IEquatable<InstancePair>
        {
            private readonly string directory;
            private readonly string userId;

            public InstancePair(string directory, string userId)
            {
                this.directory = directory;
                this.userId = userId;
            }

            [MethodImpl(LogFileReader.HotPath)]
            public bool Equals(InstancePair other) => ReferenceEquals(directory, other.directory) && ReferenceEquals(userId, other.userId);

            public override bool Equals(object? other) => other is InstancePair pair && Equals(pair);

            [MethodImpl(LogFileReader.HotPath)]
            public override int GetHashCode() => RuntimeHelpers.GetHashCode(directory) * 31 + RuntimeHelpers.GetHashCode(userId);
        }
    }
}
