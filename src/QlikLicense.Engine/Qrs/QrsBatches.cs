using System;
using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;

namespace QlikLicense.Qrs
{
    /// <summary>
    /// Filters that name many users or allocations: in batches of bounded size (several requests, never one per
    /// item), or as one filter while it stays short (a constant number of requests, the answer joined by the caller).
    /// </summary>
    internal static class QrsBatches
    {
        /// <summary>At most this many users per filtered read.</summary>
        public const int MaxBatchSize = 50;

        /// <summary>At most this many URL-encoded filter characters per read: 50 user keys fit, and the request line stays well below common server limits (HTTP.sys: 16 KB for request line and headers).</summary>
        public const int MaxFilterLength = 4000;

        /// <summary>
        /// Splits the wanted items into batches of at most <see cref="MaxBatchSize"/> whose filter stays within
        /// <see cref="MaxFilterLength"/> URL-encoded characters, and returns each batch's filter.
        /// </summary>
        public static IEnumerable<QrsFilter> Batches<T>(IEnumerable<T> wanted, Func<IReadOnlyList<T>, QrsFilter> filterOf)
        {
            var batch = new List<T>();
            QrsFilter? filter = null;
            foreach (var item in wanted)
            {
                batch.Add(item);
                var grown = filterOf(batch);
                // A filter is there from the second item on: the batch then holds more than one.
                if (filter != null && (batch.Count > MaxBatchSize || grown.ToQueryValue().Length > MaxFilterLength))
                {
                    yield return filter;
                    batch = new List<T> { item };
                    grown = filterOf(batch);
                }
                filter = grown;
            }
            if (filter != null) yield return filter;
        }

        /// <summary>The first candidate filter short enough to send; null (no filter: read all) when none is.</summary>
        public static QrsFilter? FirstShortEnough(params Func<QrsFilter?>[] candidates)
        {
            foreach (var candidate in candidates)
            {
                var filter = candidate();
                if (filter != null && filter.ToQueryValue().Length <= MaxFilterLength) return filter;
            }
            return null;
        }

        public static QrsFilter KeyFilter(string property, IEnumerable<Guid> keys) =>
            QrsFilter.Or(keys.Select(key => QrsFilter.Equal(property, key)).ToArray()) ?? throw EmptyBatch(nameof(keys));

        /// <summary>One "userDirectory eq .. and (userId eq .. or ..)" group per directory: shorter than repeating the directory.</summary>
        public static QrsFilter IdentityFilter(IEnumerable<UserName> names) =>
            QrsFilter.Or(names.GroupBy(name => name.UserDirectory, StringComparer.OrdinalIgnoreCase)
                .Select(directory => QrsFilter.And(QrsFilter.Equal("userDirectory", directory.Key), QrsFilter.AnyOf("userId", directory.Select(name => name.UserId))))
                .ToArray()) ?? throw EmptyBatch(nameof(names));

        /// <summary>A batch always holds an item, so its filter is never "none" (which would read everything).</summary>
        private static ArgumentException EmptyBatch(string parameter) => new ArgumentException(QrsMessages.Filters.EmptyBatch, parameter);
    }
}
