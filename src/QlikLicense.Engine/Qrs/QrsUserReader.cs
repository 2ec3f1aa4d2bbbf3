using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using QlikLicense.Model;

namespace QlikLicense.Qrs
{
    /// <summary>
    /// The one reader of a site's users: filters evaluated by QRS (never "read all and filter here"), lookups of many
    /// users in batches of bounded length, and named users in a constant number of requests.
    /// </summary>
    internal sealed class QrsUserReader
    {
        private readonly QrsClient client;

        public QrsUserReader(QrsClient client) => this.client = client;

        public Task<QlikUser> ReadUserAsync(Guid key, SiteCall call) =>
            client.GetObjectAsync(QrsPaths.Entity(QrsPaths.User, key), QrsEntities.User, call);

        public IEnumerable<QlikUser> ReadUsers(UserFilter filter, SiteCall call) =>
            client.Stream(QrsPaths.Full(QrsPaths.User), QrsEntities.User, call, Filter(filter));

        public IEnumerable<QlikUser> LookUpUsersInBatches(IReadOnlyCollection<Guid> keys, IReadOnlyCollection<UserName> names, SiteCall call)
        {
            var byKey = QrsBatches.Batches(keys.Distinct(), batch => QrsBatches.KeyFilter("id", batch));
            var byName = QrsBatches.Batches(names.Distinct(UserName.Comparer), QrsBatches.IdentityFilter);
            return byKey.Concat(byName).SelectMany(filter => client.Stream(QrsPaths.User, QrsEntities.User, call, filter)).ToList();
        }

        public IEnumerable<QlikUser> LookUpUsersAtOnce(IReadOnlyCollection<UserName> names, SiteCall call)
        {
            var wanted = new HashSet<UserName>(names, UserName.Comparer);
            // A filter naming every user while it stays short; beyond that the users' directories, or everything.
            var filter = QrsBatches.FirstShortEnough(
                () => QrsFilter.Or(names.Select(name => QrsFilter.And(
                    QrsFilter.Equal("userDirectory", name.UserDirectory), QrsFilter.Equal("userId", name.UserId))).ToArray()),
                () => QrsFilter.AnyOf("userDirectory", names.Select(name => name.UserDirectory).Distinct(StringComparer.OrdinalIgnoreCase)));
            var found = new HashSet<UserName>(UserName.Comparer);
            foreach (var user in client.Stream(QrsPaths.Full(QrsPaths.User), QrsEntities.User, call, filter))
            {
                var name = new UserName(user.UserDirectory, user.UserId);
                if (wanted.Contains(name) && found.Add(name)) yield return user;
            }
        }

        public IEnumerable<string> ReadUserDirectoryNames(string prefix, SiteCall call) =>
            client.Stream(QrsPaths.UserDirectory, // QRS requires a directory's name, so one of the two is there.
                json => (string?)json["userDirectoryName"] ?? (string?)json["name"] ?? string.Empty, call,
                string.IsNullOrEmpty(prefix) ? null : QrsFilter.StartsWith("userDirectoryName", prefix));

        /// <summary>
        /// Every condition of a user filter, as QRS reads it; null for none. With <paramref name="userProperty"/> (e.g.
        /// "user" on an allocation), the conditions are on that related user; a raw site filter cannot be moved there.
        /// </summary>
        public static QrsFilter? Filter(UserFilter? filter, string? userProperty = null)
        {
            if (filter == null) return null;
            if (userProperty != null && filter.SiteFilter != null) throw new ArgumentException(QrsMessages.Filters.RawFilterOfRelatedUser, nameof(filter));
            var prefix = userProperty == null ? string.Empty : userProperty + ".";
            return QrsFilter.And(
                filter.UserId == null ? null : QrsFilter.Equal(prefix + "userId", filter.UserId),
                filter.UserDirectory == null ? null : QrsFilter.Equal(prefix + "userDirectory", filter.UserDirectory),
                filter.InactiveOnly ? QrsFilter.Equal(prefix + "inactive", true) : null,
                !filter.RemovedFromDirectoryOnly ? null
                    : filter.IncludeBlocked ? QrsFilter.Or(QrsFilter.Equal(prefix + "removedExternally", true), QrsFilter.Equal(prefix + "blacklisted", true))
                    : QrsFilter.Equal(prefix + "removedExternally", true),
                filter.Keys == null ? null : QrsFilter.AnyOf(prefix + "id", filter.Keys),
                // Arrays match on any element, so the two conditions of a custom property may meet different values: the
                // caller confirms the pair on the users read (UserMarks.Marks).
                filter.Tag == null ? null : QrsFilter.Narrowing(prefix + "tags.name", filter.Tag),
                filter.CustomProperty == null ? null : QrsFilter.And(
                    QrsFilter.Equal(prefix + "customProperties.definition.name", filter.CustomProperty.Name),
                    QrsFilter.Narrowing(prefix + "customProperties.value", filter.CustomProperty.Value)),
                QrsFilter.Raw(filter.SiteFilter));
        }
    }
}
