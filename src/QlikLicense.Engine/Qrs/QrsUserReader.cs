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
            client.GetObjectAsync(QrsPaths.Entity(QrsPaths.User, key), QlikUser.FromJson, call);

        public IEnumerable<QlikUser> ReadUsers(UserFilter filter, SiteCall call) =>
            client.Stream(QrsPaths.Full(QrsPaths.User), QlikUser.FromJson, call, Filter(filter));

        public IEnumerable<QlikUser> LookUpUsers(IReadOnlyCollection<Guid> keys, IReadOnlyCollection<UserName> names, SiteCall call)
        {
            var byKey = QrsBatches.Batches(keys.Distinct(), batch => QrsBatches.KeyFilter("id", batch));
            var byName = QrsBatches.Batches(names.Distinct(UserName.Comparer), QrsBatches.IdentityFilter);
            return byKey.Concat(byName).SelectMany(filter => client.Stream(QrsPaths.User, QlikUser.FromJson, call, filter)).ToList();
        }

        public IEnumerable<QlikUser> ReadNamedUsers(IReadOnlyCollection<UserName> names, SiteCall call)
        {
            var wanted = new HashSet<UserName>(names, UserName.Comparer);
            // A filter naming every user while it stays short; beyond that the users' directories, or everything.
            var filter = QrsBatches.FirstShortEnough(
                () => QrsFilter.Or(names.Select(name => QrsFilter.And(
                    QrsFilter.Equal("userDirectory", name.UserDirectory), QrsFilter.Equal("userId", name.UserId))).ToArray()),
                () => QrsFilter.AnyOf("userDirectory", names.Select(name => name.UserDirectory).Distinct(StringComparer.OrdinalIgnoreCase)));
            var found = new HashSet<UserName>(UserName.Comparer);
            foreach (var user in client.Stream(QrsPaths.Full(QrsPaths.User), QlikUser.FromJson, call, filter))
            {
                var name = new UserName(user.UserDirectory, user.UserId);
                if (wanted.Contains(name) && found.Add(name)) yield return user;
            }
        }

        public IEnumerable<string> ReadUserDirectoryNames(string prefix, SiteCall call) =>
            client.Stream(QrsPaths.UserDirectory, // QRS requires a directory's name, so one of the two is there.
                json => (string?)json["userDirectoryName"] ?? (string?)json["name"] ?? string.Empty, call,
                string.IsNullOrEmpty(prefix) ? null : QrsFilter.StartsWith("userDirectoryName", prefix));

        /// <summary>Every condition of a user filter, as QRS reads it; null for none.</summary>
        public static QrsFilter? Filter(UserFilter? filter) => filter == null ? null : QrsFilter.And(
            filter.UserId == null ? null : QrsFilter.Equal("userId", filter.UserId),
            filter.UserDirectory == null ? null : QrsFilter.Equal("userDirectory", filter.UserDirectory),
            filter.InactiveOnly ? QrsFilter.Equal("inactive", true) : null,
            !filter.RemovedFromDirectoryOnly ? null
                : filter.IncludeBlocked ? QrsFilter.Or(QrsFilter.Equal("removedExternally", true), QrsFilter.Equal("blacklisted", true))
                : QrsFilter.Equal("removedExternally", true),
            filter.Keys == null ? null : QrsFilter.AnyOf("id", filter.Keys),
            // Arrays match on any element, so the two conditions of a custom property may meet different values: the
            // caller confirms the pair on the users read (UserMarks.Marks).
            filter.Tag == null ? null : QrsFilter.Narrowing("tags.name", filter.Tag),
            filter.CustomProperty == null ? null : QrsFilter.And(
                QrsFilter.Equal("customProperties.definition.name", filter.CustomProperty.Name),
                QrsFilter.Narrowing("customProperties.value", filter.CustomProperty.Value)),
            QrsFilter.Raw(filter.SiteFilter));
    }
}
