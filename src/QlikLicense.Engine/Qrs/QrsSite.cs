using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Rules;

namespace QlikLicense.Qrs
{
    /// <summary>
    /// A Qlik Sense Enterprise on Windows site through its Repository Service: the QRS implementation of the site
    /// seam. The only place that turns the domain's questions into QRS paths and filters.
    /// </summary>
    public sealed class QrsSite : ISite, ILicenseRuleSite, ISiteLicenseReader, IQuarantineSite, ILogFileSite, IUserMarkSite, ISharedAccessSite
    {
        private readonly QrsUserReader users;

        /// <param name="connection">The connection that wraps this site, which the objects it reads carry.</param>
        private QrsSite(QrsClient client, QlikConnection connection)
        {
            Client = client;
            Connection = connection;
            users = new QrsUserReader(client);
            var settings = client.Settings;
            Address = new SiteAddress(settings.Server, settings.EffectivePort, settings.VirtualProxyPrefix, settings.BaseUri,
                settings.Authentication.Description, settings.Trust.SkipCheck);
        }

        internal QrsClient Client { get; }

        /// <summary>The connection that wraps this site, which the objects it reads carry.</summary>
        internal QlikConnection Connection { get; }

        public SiteAddress Address { get; }

        public SiteCapabilities Capabilities => SiteParts.Capabilities(this);

        /// <summary>
        /// Connects and proves it: only a QRS answers /qrs/about with its build, anything else (an empty 200, a list)
        /// is not the repository. The client is disposed when the check fails.
        /// </summary>
        public static async Task<QlikConnection> ConnectAsync(QrsConnectionSettings settings, SiteCall call)
        {
            var client = new QrsClient(settings);
            try
            {
                var version = await client.GetObjectAsync(QrsPaths.About, about => (string?)about["buildVersion"], call).ConfigureAwait(false);
                return Wrap(client, version, DateTime.UtcNow);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        /// <summary>A connection over a client that is known to work.</summary>
        internal static QlikConnection Wrap(QrsClient client, string? serverVersion, DateTime connectedUtc) =>
            new QlikConnection(connection => new QrsSite(client, connection), serverVersion, connectedUtc);

        public Task<QlikUser> ReadUserAsync(Guid key, SiteCall call) => users.ReadUserAsync(key, call);

        public IEnumerable<QlikUser> ReadUsers(UserFilter filter, SiteCall call) => users.ReadUsers(filter, call);

        public IEnumerable<QlikUser> LookUpUsersInBatches(IReadOnlyCollection<Guid> keys, IReadOnlyCollection<UserName> names, SiteCall call) =>
            users.LookUpUsersInBatches(keys, names, call);

        public IEnumerable<QlikUser> LookUpUsersAtOnce(IReadOnlyCollection<UserName> names, SiteCall call) => users.LookUpUsersAtOnce(names, call);

        public IEnumerable<string> ReadUserDirectoryNames(string prefix, SiteCall call) => users.ReadUserDirectoryNames(prefix, call);

        public IEnumerable<LicenseAllocation> ReadAllocations(LicenseAccessType type, AllocationFilter filter, SiteCall call) =>
            ReadAllocations(type, QrsFilter.And(
                filter.UserId == null ? null : QrsFilter.Equal("user.userId", filter.UserId),
                filter.UserDirectory == null ? null : QrsFilter.Equal("user.userDirectory", filter.UserDirectory),
                // Never-used allocations carry a minimum date, so "last used before" includes them, as it should.
                filter.UnusedSinceUtc == null ? null : QrsFilter.Before("lastUsed", filter.UnusedSinceUtc.Value),
                filter.UsedSinceUtc == null ? null : QrsFilter.AtOrAfter("lastUsed", filter.UsedSinceUtc.Value),
                filter.Quarantined == null ? null : QrsFilter.Equal("quarantined", filter.Quarantined.Value),
                // QRS filters an allocation by its user's own properties (user.removedExternally), not only those it returns.
                QrsUserReader.Filter(filter.HeldBy, "user")), call);

        public IEnumerable<LicenseAllocation> LookUpAllocationsInBatches(LicenseAccessType type, IReadOnlyCollection<Guid> userKeys, SiteCall call) =>
            QrsBatches.Batches(userKeys, batch => QrsBatches.KeyFilter("user.id", batch))
                .SelectMany(filter => ReadAllocations(type, filter, call))
                .ToList();

        public IEnumerable<LicenseAllocation> LookUpAllocationsAtOnce(LicenseAccessType type, IReadOnlyCollection<Guid> userKeys, SiteCall call)
        {
            var keys = new HashSet<Guid>(userKeys);
            var filter = QrsBatches.FirstShortEnough(() => QrsFilter.Or(keys.Select(id => QrsFilter.Equal("user.id", id)).ToArray()));
            return ReadAllocations(type, filter, call).Where(allocation => allocation.UserKey is Guid userKey && keys.Contains(userKey));
        }

        public async Task<LicenseAllocation?> FindAllocationAsync(LicenseAccessType type, Guid id, SiteCall call)
        {
            try
            {
                return await Client.GetObjectAsync(QrsPaths.Entity(QrsPaths.Allocations(type), id),
                    entity => WithConnection(QrsEntities.Allocation(entity, type)), call).ConfigureAwait(false);
            }
            catch (QrsException error) when (error.ErrorKind == SiteErrorKind.NotFound)
            {
                return null;
            }
        }

        public Task<IReadOnlyList<LicenseAllocation>> FindAllocationsAsync(LicenseAccessType type, IReadOnlyCollection<Guid> ids, SiteCall call) =>
            Task.Run<IReadOnlyList<LicenseAllocation>>(() => QrsBatches.Batches(ids, batch => QrsBatches.KeyFilter("id", batch))
                .SelectMany(filter => ReadAllocations(type, filter, call))
                .ToList(), call.Cancellation);

        public async Task<IReadOnlyList<LicenseSummary>> ReadSummaryAsync(SiteCall call) =>
            await Client.GetObjectAsync(QrsPaths.AccessTypeOverview,
                overview => LicenseAccessTypes.All.Select(type => QrsEntities.Summary(overview, type, Address.Name)).ToList(), call).ConfigureAwait(false);

        public IReadOnlyList<LoginAccessGroup> ReadLoginAccessGroups(DateTime usedSinceUtc, SiteCall call) =>
            SharedAccessReader.ReadLoginAccessGroups(Client, Connection, usedSinceUtc, call);

        public IEnumerable<AnalyzerCapacityUse> ReadAnalyzerCapacityUse(DateTime sinceUtc, SiteCall call) =>
            SharedAccessReader.ReadAnalyzerCapacityUse(Client, sinceUtc, call);

        public Task<SiteLicense> ReadLicenseAsync(SiteCall call) => Client.GetObjectAsync(QrsPaths.License, QrsEntities.License, call);

        public LicenseMonitorStatus CheckLicenseMonitor(TimeSpan maximumAge, DateTime nowUtc, SiteCall call) =>
            LicenseMonitorCheck.Check(Client, maximumAge, nowUtc, call);

        /// <summary>
        /// The ArchivedLogs folders of the site's service clusters (settings.sharedPersistenceProperties:
        /// archivedLogsRootFolder, else the share's rootFolder + ArchivedLogs).
        /// </summary>
        public IReadOnlyList<string> ReadArchivedLogFolders(SiteCall call) =>
            Client.Stream(QrsPaths.Full(QrsPaths.ServiceCluster), ArchivedLogsRoot, call)
                .OfType<string>().Distinct(StringComparer.OrdinalIgnoreCase).ToArray();

        public Task<ReleaseAnswer> ReleaseAsync(LicenseAllocation allocation, SiteCall call) =>
            Client.DeleteAsync(QrsPaths.Entity(QrsPaths.Allocations(allocation.Type), allocation.Id), call);

        /// <summary>
        /// PUTs the quarantined allocation back with quarantined false and the modifiedDate read (QRS has no reinstate
        /// endpoint; this is what the QMC most likely sends). False when the site refuses it with a 4xx: then a POST
        /// for the user is the other way. Other failures are thrown.
        /// </summary>
        public async Task<bool> ReinstateAsync(LicenseAllocation quarantined, SiteCall call)
        {
            var entityPath = QrsPaths.Entity(QrsPaths.Allocations(quarantined.Type), quarantined.Id);
            try
            {
                if (!(await Client.GetAsync(entityPath, call).ConfigureAwait(false) is JObject entity)) return false;
                entity["quarantined"] = false;
                await Client.PutAsync(entityPath, QrsEntityBody.ForPut(entity, withoutEmptyText: true), call).ConfigureAwait(false);
                return true;
            }
            catch (QrsException error) when (error.StatusCode >= 400 && error.StatusCode < 500 && error.ErrorKind != SiteErrorKind.AccessDenied && error.ErrorKind != SiteErrorKind.LoginPage)
            {
                call.Trace(QrsMessages.Allocations.ReinstateRefused(error.StatusCode));
                return false;
            }
        }

        public async Task<LicenseAllocation?> AllocateAsync(LicenseAccessType type, QlikUser user, SiteCall call)
        {
            // Qlik's description requires a condensed user's userId and userDirectory beside its id.
            var body = new JObject
            {
                ["user"] = new JObject { ["id"] = user.Id.ToString("D"), ["userId"] = user.UserId, ["userDirectory"] = user.UserDirectory },
            };
            return await Client.PostAsync(QrsPaths.Allocations(type), body, call).ConfigureAwait(false) is JObject entity
                ? WithConnection(QrsEntities.Allocation(entity, type))
                : null;
        }

        public IEnumerable<LicenseRule> ListRules(LicenseAccessType? type, SiteCall call) => LicenseRuleStore.List(Connection, type, call);

        public Task<LicenseRule> ReadRuleAsync(Guid id, SiteCall call) => LicenseRuleStore.ReadAsync(Connection, id, call);

        public Task<bool> RuleNameTakenAsync(string name, SiteCall call) => LicenseRuleStore.NameTakenAsync(Connection, name, call);

        public IReadOnlyList<LicenseRule> JoinAccessGroups(IReadOnlyCollection<LicenseRule> rules, SiteCall call) =>
            LicenseRuleStore.JoinAccessGroups(Connection, rules, call);

        public Task<LicenseRule> CreateRuleAsync(LicenseRuleDefinition definition, SiteCall call, SiteCall cleanupCall) =>
            LicenseRuleStore.CreateAsync(Connection, definition, call, cleanupCall);

        public Task<LicenseRule> UpdateRuleAsync(LicenseRule read, LicenseRuleChange change, SiteCall call) =>
            LicenseRuleStore.UpdateAsync(Connection, read, change, call);

        public Task<bool> RemoveRuleAsync(LicenseRule rule, SiteCall call) => LicenseRuleStore.RemoveAsync(Connection, rule, call);

        public Task<LicenseRuleAuditResult> AuditRulesAsync(LicenseAccessType type, Guid? accessGroupId, SiteCall call) =>
            LicenseRuleAudit.AuditAsync(Client, type, accessGroupId, call);

        public Task<LicenseRuleAuditResult> PreviewRuleAsync(LicenseAccessType type, string ruleText, LicenseRule? rule, SiteCall call) =>
            LicenseRuleAudit.PreviewAsync(Client, type, ruleText, LicenseRuleResources.PreviewResourceFilter(type, rule), call);

        public Task<ILookup<Guid, string>> FindGrantingRulesAsync(LicenseAccessType type, UserFilter? users, SiteCall call) =>
            LicenseRuleAudit.FindGrantingRulesAsync(Client, type, call, QrsUserReader.Filter(users));

        public void Dispose() => Client.Dispose();

        private IEnumerable<LicenseAllocation> ReadAllocations(LicenseAccessType type, QrsFilter? filter, SiteCall call) =>
            Client.Stream(QrsPaths.Full(QrsPaths.Allocations(type)), json => WithConnection(QrsEntities.Allocation(json, type)), call, filter);

        private LicenseAllocation WithConnection(LicenseAllocation allocation)
        {
            allocation.Connection = Connection;
            return allocation;
        }

        private static string? ArchivedLogsRoot(JObject cluster)
        {
            var shared = cluster["settings"]?["sharedPersistenceProperties"] as JObject;
            var archived = ((string?)shared?["archivedLogsRootFolder"]).NullIfEmpty();
            if (archived != null) return archived;
            var root = ((string?)shared?["rootFolder"]).NullIfEmpty();
            return root == null ? null : Path.Combine(root, "ArchivedLogs");
        }
    }
}
