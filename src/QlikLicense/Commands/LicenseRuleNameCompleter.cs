using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;
using QlikLicense.Rules;

namespace QlikLicense.Commands
{
    /// <summary>License rule names.</summary>
    public sealed class LicenseRuleNameCompleter : SiteValueCompleter
    {
        protected override IEnumerable<string?> Values(QlikConnection connection, string typed, SiteCall call) =>
            connection.Rules().ListRules(null, call).Select(rule => rule.Name);
    }
}
