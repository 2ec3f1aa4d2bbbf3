using System;
using System.Collections.Generic;

namespace QlikLicense.Model
{
    /// <summary>A user named the way the site names users: DIRECTORY and user id on Qlik Sense (compared without regard to case).</summary>
    public readonly struct UserName : IEquatable<UserName>
    {
        public UserName(string userDirectory, string userId)
        {
            UserDirectory = userDirectory;
            UserId = userId;
        }

        public string UserDirectory { get; }
        public string UserId { get; }

        /// <summary>Sites compare user directories and ids without regard to case; so do we when matching their answers.</summary>
        public static IEqualityComparer<UserName> Comparer { get; } = new IgnoreCaseComparer();

        public bool Equals(UserName other) => Comparer.Equals(this, other);
        public override bool Equals(object? obj) => obj is UserName other && Equals(other);
        public override int GetHashCode() => Comparer.GetHashCode(this);

        /// <summary>DIRECTORY\userid, the form the QMC and the logs use.</summary>
        public override string ToString() => Format(UserDirectory, UserId);

        /// <summary>DIRECTORY\userid on a site; the subject alone on a tenant, whose users have no directory.</summary>
        public static string Format(string? userDirectory, string? userId) =>
            string.IsNullOrEmpty(userDirectory) ? userId ?? string.Empty : userDirectory + "\\" + userId;

        private sealed class IgnoreCaseComparer : IEqualityComparer<UserName>
        {
            public bool Equals(UserName x, UserName y) =>
                StringComparer.OrdinalIgnoreCase.Equals(x.UserDirectory ?? string.Empty, y.UserDirectory ?? string.Empty) &&
                StringComparer.OrdinalIgnoreCase.Equals(x.UserId ?? string.Empty, y.UserId ?? string.Empty);

            public int GetHashCode(UserName name) =>
                StringComparer.OrdinalIgnoreCase.GetHashCode(name.UserDirectory ?? string.Empty) * 31 +
                StringComparer.OrdinalIgnoreCase.GetHashCode(name.UserId ?? string.Empty);
        }
    }
}
