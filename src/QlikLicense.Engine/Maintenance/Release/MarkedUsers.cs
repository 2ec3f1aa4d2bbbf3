using System;
using System.Collections.Generic;
using QlikLicense.Model;

namespace QlikLicense.Maintenance.Release
{
    /// <summary>
    /// The users an administrator marked never to release (QMC tags, custom property values): one request per mark,
    /// each filtered by the site as far as it can (tag name, property name and value), then confirmed on the users
    /// read, since QRS matches the two conditions of a custom property on any of the user's values.
    /// </summary>
    public static class MarkedUsers
    {
        /// <summary>
        /// The keys of the marked users. A site without tags or custom properties stops the operation
        /// (<see cref="ProblemKind.NotSupportedOnSite"/>), and a failed request throws: nothing may be offered for
        /// release while the marked users are unknown.
        /// </summary>
        public static ISet<Guid> Read(QlikConnection connection, UserMarks marks, SiteCall call)
        {
            var keys = new HashSet<Guid>();
            if (marks.IsEmpty) return keys;
            if (!(connection.SiteApi is IUserMarkSite))
                throw new OperationException(new OperationProblem(ProblemKind.NotSupportedOnSite,
                    new NotSupportedException(MaintenanceMessages.Marks.NotOnSite(connection.Site, marks)), connection.Site));

            var filters = new List<UserFilter>();
            foreach (var tag in marks.Tags) filters.Add(new UserFilter { Tag = tag });
            foreach (var property in marks.CustomProperties) filters.Add(new UserFilter { CustomProperty = property });
            foreach (var filter in filters)
            {
                foreach (var user in connection.SiteApi.ReadUsers(filter, call))
                {
                    if (marks.Marks(user)) keys.Add(user.Id);
                }
            }
            call.Trace(MaintenanceMessages.Marks.Found(keys.Count, marks));
            return keys;
        }
    }
}
