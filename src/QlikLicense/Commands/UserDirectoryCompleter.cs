using System.Collections.Generic;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    /// <summary>-UserDirectory from the site's user directories.</summary>
    public sealed class UserDirectoryCompleter : SiteValueCompleter
    {
        protected override IEnumerable<string?> Values(QlikConnection connection, string typed, SiteCall call) =>
            connection.SiteApi.ReadUserDirectoryNames(typed, call);
    }
}
