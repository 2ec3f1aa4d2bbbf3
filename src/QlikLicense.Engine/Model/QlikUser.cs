using System;

namespace QlikLicense.Model
{
    /// <summary>A user of the repository, as the QMC's user list shows it.</summary>
    public sealed class QlikUser
    {
        public Guid Id { get; set; }
        public string UserDirectory { get; set; } = string.Empty;
        public string UserId { get; set; } = string.Empty;
        public string? Name { get; set; }
        public TextList Groups { get; set; } = TextList.Empty;

        /// <summary>The QMC's Inactive: removed from the directory or blocked.</summary>
        public bool Inactive { get; set; }
        public bool RemovedExternally { get; set; }
        public bool Blocked { get; set; }
        public TextList Roles { get; set; } = TextList.Empty;
        public DateTime? CreatedDate { get; set; }
        public DateTime? ModifiedDate { get; set; }

        /// <summary>DIRECTORY\userid, the form the QMC and the logs use.</summary>
        public string Identity => UserName.Format(UserDirectory, UserId);

        public override string ToString() => Identity;
    }
}
