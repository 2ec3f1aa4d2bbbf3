using System;
using System.Collections.Generic;
using System.Linq;
using QlikLicense.Model;

namespace QlikLicense.Rules
{
    /// <summary>What an audit or preview answered, read defensively (property names case-insensitive, unknown fields ignored).</summary>
    public sealed class LicenseRuleAuditResult
    {
        internal LicenseRuleAuditResult(LicenseAccessType type, int resourceCount, IReadOnlyList<LicenseRuleMatch> matches, IReadOnlyList<string> failures)
        {
            Type = type;
            ResourceCount = resourceCount;
            Matches = matches;
            Failures = failures;
        }

        public LicenseAccessType Type { get; }

        /// <summary>How many access groups QRS evaluated the rules against; 0 means it had nothing to evaluate.</summary>
        public int ResourceCount { get; }

        /// <summary>Each rule application that matched a user: the user and the rule.</summary>
        public IReadOnlyList<LicenseRuleMatch> Matches { get; }

        /// <summary>Rule applications QRS could not parse or evaluate, as messages.</summary>
        public IReadOnlyList<string> Failures { get; }

        /// <summary>Each user granted (by the rule <paramref name="ruleId"/>, or by any rule), once, in identity order.</summary>
        public IReadOnlyList<MatchedUser> MatchedUsers(Guid? ruleId = null) => Matches
            .Where(grant => ruleId == null || grant.RuleId == ruleId.Value)
            .GroupBy(grant => grant.User.Id)
            .Select(group =>
            {
                var first = group.First().User;
                return new MatchedUser
                {
                    Id = first.Id,
                    UserDirectory = first.UserDirectory,
                    UserId = first.UserId,
                    Name = first.Name,
                    Type = Type,
                    RuleName = string.Join(", ", group.Select(grant => grant.RuleName).Where(name => name != null).Distinct().OrderBy(name => name, StringComparer.OrdinalIgnoreCase)).NullIfEmpty(),
                };
            })
            .OrderBy(user => user.UserDirectory, StringComparer.OrdinalIgnoreCase)
            .ThenBy(user => user.UserId, StringComparer.OrdinalIgnoreCase)
            .ToList();

        /// <summary>For a preview: the rule text itself is wrong when any application failed.</summary>
        internal void ThrowIfRuleTextFailed()
        {
            if (Failures.Count > 0)
                throw new LicenseRuleException(ProblemKind.LicenseRuleInvalid, RuleMessages.InvalidRuleText(Failures[0]));
        }
    }
}
