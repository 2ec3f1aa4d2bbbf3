using System;

namespace QlikLicense.Model
{
    /// <summary>
    /// A user named the ways an administrator names one: the repository GUID, "DIRECTORY\userid" (the directory is
    /// everything before the first backslash; user ids may hold more), or a user object. PowerShell converts to it
    /// through these constructors, so -Identity binds from a string, a GUID or a piped QlikUser.
    /// </summary>
    public sealed class QlikUserIdentity
    {
        public QlikUserIdentity(Guid id) => Id = id;

        public QlikUserIdentity(QlikUser? user)
        {
            if (user == null) throw new ArgumentNullException(nameof(user));
            Id = user.Id;
        }

        public QlikUserIdentity(string? identity)
        {
            var text = (identity ?? string.Empty).Trim();
            if (Guid.TryParse(text, out var id))
            {
                Id = id;
                return;
            }
            var separator = text.IndexOf('\\');
            if (separator <= 0 || separator == text.Length - 1)
                throw new ArgumentException(ModelMessages.NotAUserIdentity(identity));
            UserDirectory = text.Substring(0, separator);
            UserId = text.Substring(separator + 1);
        }

        /// <summary>Set when the user was named by GUID or object.</summary>
        public Guid? Id { get; }
        public string? UserDirectory { get; }
        public string? UserId { get; }

        public override string ToString() => Id?.ToString("D") ?? UserDirectory + "\\" + UserId;
    }
}
