using System.Net;
using System.Security.Cryptography.X509Certificates;
using Newtonsoft.Json.Linq;
using QlikLicense.Hosting;
using QlikLicense.Maintenance;
using QlikLicense.Model;
using QlikLicense.Qrs;
using QlikLicense.Transport;
using QlikLicense.Maintenance.Release;

namespace QlikLicense.Benchmarks.Discovery;

/// <summary>The child side of <see cref="DiscoveryBenchmark"/>: connects to the site, measures one discovery, reports.</summary>
public static class DiscoveryClient
{
    public const string CommandName = "discovery-client";

    public static async Task<int> RunAsync(DiscoveryApproach approach, string host, int port, string certificatePath, string caPath)
    {
        var password = ChildProcess.ReadSecret();
        var run = approach switch
        {
            DiscoveryApproach.Answers => await PlainDiscovery.ReadAnswersAsync(host, port, certificatePath, password, caPath, parse: false),
            DiscoveryApproach.Parsed => await PlainDiscovery.ReadAnswersAsync(host, port, certificatePath, password, caPath, parse: true),
            DiscoveryApproach.Cmdlet => EngineDiscovery.Run(host, port, certificatePath, password, caPath),
            DiscoveryApproach.Finder => PlainDiscovery.RunFinder(host, port, certificatePath, password, caPath),
            _ => await PlainDiscovery.RunLookupPerAllocationAsync(host, port, certificatePath, password, caPath),
        };
        ChildProcess.Report(run);
        return 0;
    }

    /// <summary>Kept apart from the engine: only this class touches the module's types, which the engine loads from out/QlikLicense itself.</summary>
    private static class PlainDiscovery
    {
        /// <summary>A connection as Connect-QlikSense makes it (certificate, trusted site CA, a first GET /qrs/about), without the engine.</summary>
        private static QlikConnection Connect(string host, int port, string certificatePath, string password, string caPath)
        {
            var settings = new QrsConnectionSettings
            {
                Server = host,
                Port = port,
                Authentication = new CertificateAuthentication(X509CertificateLoader.LoadPkcs12FromFile(certificatePath, password), "INTERNAL", "sa_repository"),
                Trust = new ServerCertificateTrust(X509Certificate2.CreateFromPem(File.ReadAllText(caPath))),
            };
            var client = new QrsClient(settings);
            // Connect-QlikSense checks the connection first; doing the same keeps TLS setup out of the measured run.
            client.GetAsync(QrsPaths.About, new SiteCall(CancellationToken.None)).GetAwaiter().GetResult();
            return QrsSite.Wrap(client, serverVersion: null, DateTime.UtcNow);
        }

        /// <summary>
        /// The finder's five requests, built by the module's own filter and path builders, sent over a connection set up as
        /// the module's (certificate, trusted CA, xrfkey); each answer is read to its end and thrown away, or parsed as JSON
        /// (each item of a list as the module's streamed read parses it) and dropped. The parent checks that the simulator
        /// saw exactly the finder's requests.
        /// </summary>
        public static async Task<DiscoveryRun> ReadAnswersAsync(string host, int port, string certificatePath, string password, string caPath, bool parse)
        {
            using var connection = Connect(host, port, certificatePath, password, caPath);
            var settings = connection.Client().Settings;
            using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, certificate, chain, errors) => settings.Trust.Validate(certificate, chain, errors) };
            settings.Authentication.Configure(handler);
            using var http = new HttpClient(handler) { BaseAddress = settings.BaseUri };
            // The connection check, as the other approaches make it before their measured run.
            await SendAsync(HttpMethod.Get, QrsPaths.About, null, null, parse: false);

            var inactiveUsers = QrsUserReader.Filter(new UserFilter { RemovedFromDirectoryOnly = true });
            var types = new[] { LicenseAccessType.Professional, LicenseAccessType.Analyzer };
            using var meter = RunMeter.Start();
            // The finder, given no -Type, first reads which per-user types the licence runs.
            await SendAsync(HttpMethod.Get, QrsPaths.AccessTypeOverview, null, null, parse);
            await SendAsync(HttpMethod.Get, QrsPaths.Full(QrsPaths.User), inactiveUsers, null, parse);
            foreach (var type in types)
            {
                var audit = new JObject { ["resourceType"] = LicenseRuleResources.ResourceType(type), ["userFilter"] = inactiveUsers!.ToString() };
                await SendAsync(HttpMethod.Post, QrsPaths.LicenseRuleAudit, null, audit, parse);
                await SendAsync(HttpMethod.Get, QrsPaths.Full(QrsPaths.Allocations(type)),
                    QrsFilter.And(QrsFilter.Equal("quarantined", false), QrsUserReader.Filter(new UserFilter { RemovedFromDirectoryOnly = true }, "user")), null, parse);
            }
            return new DiscoveryRun(0, meter.Stop());

            async Task SendAsync(HttpMethod method, string path, QrsFilter? filter, JObject? body, bool parse)
            {
                var xrfkey = Xrfkey.New();
                using var request = new HttpRequestMessage(method, path + "?xrfkey=" + xrfkey + (filter == null ? string.Empty : "&filter=" + filter.ToQueryValue()));
                request.Headers.TryAddWithoutValidation("X-Qlik-Xrfkey", xrfkey);
                settings.Authentication.Apply(request.Headers);
                if (body != null) request.Content = new StringContent(body.ToString(Newtonsoft.Json.Formatting.None), System.Text.Encoding.UTF8, "application/json");
                using var response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead);
                response.EnsureSuccessStatusCode();
                await using var stream = await response.Content.ReadAsStreamAsync();
                if (!parse)
                {
                    await stream.CopyToAsync(Stream.Null);
                    return;
                }
                using var reader = new Newtonsoft.Json.JsonTextReader(new StreamReader(stream)) { DateParseHandling = Newtonsoft.Json.DateParseHandling.None };
                reader.Read();
                if (reader.TokenType != Newtonsoft.Json.JsonToken.StartArray)
                {
                    JToken.Load(reader);
                    return;
                }
                while (reader.Read() && reader.TokenType == Newtonsoft.Json.JsonToken.StartObject) JObject.Load(reader);
            }
        }

        public static DiscoveryRun RunFinder(string host, int port, string certificatePath, string password, string caPath)
        {
            using (var connection = Connect(host, port, certificatePath, password, caPath))
            using (var meter = RunMeter.Start())
            {
                var found = new InactiveLicensedUserFinder(connection, new SilentHost()).Find(new InactiveCriteria(), new SiteCall(CancellationToken.None)).Count();
                return new DiscoveryRun(found, meter.Stop());
            }
        }

        public static async Task<DiscoveryRun> RunLookupPerAllocationAsync(string host, int port, string certificatePath, string password, string caPath)
        {
            using (var connection = Connect(host, port, certificatePath, password, caPath))
            using (var meter = RunMeter.Start())
            {
                var call = new SiteCall(CancellationToken.None);
                var found = 0;
                foreach (var type in new[] { LicenseAccessType.Professional, LicenseAccessType.Analyzer })
                {
                    // As other tools do: the whole list first, then one request per allocation for its user's status.
                    var allocations = connection.SiteApi.ReadAllocations(type, new AllocationFilter { Quarantined = false }, call).ToList();
                    foreach (var allocation in allocations)
                    {
                        if (allocation.UserKey is not Guid userKey) continue;
                        var user = (JObject)await connection.Client().GetAsync(QrsPaths.Entity(QrsPaths.User, userKey), call);
                        if (user.Value<bool>("removedExternally")) found++;
                    }
                }
                return new DiscoveryRun(found, meter.Stop());
            }
        }
    }

    private static class EngineDiscovery
    {
        public static DiscoveryRun Run(string host, int port, string certificatePath, string password, string caPath)
        {
            using var session = new ModuleSession();
            session.SetVariable("certificatePassword", new NetworkCredential(string.Empty, password).SecurePassword);
            var connect = session.Invoke($"Connect-QlikSense -Server {host} -Port {port} -CertificatePath '{certificatePath.Replace("'", "''")}' " +
                                         $"-CertificatePassword $certificatePassword -CaCertificatePath '{caPath.Replace("'", "''")}'");
            if (connect.FirstError != null) throw new InvalidOperationException("Connect-QlikSense failed: " + connect.FirstError);

            using var meter = RunMeter.Start();
            var result = session.Invoke("@(Get-QlikInactiveLicensedUser).Count");
            var measurement = meter.Stop();
            if (result.FirstError != null) throw new InvalidOperationException("Get-QlikInactiveLicensedUser failed: " + result.FirstError);
            return new DiscoveryRun((int)result.Output.Single().BaseObject, measurement);
        }
    }

    /// <summary>A host for a measured run: it asks nobody and shows nothing, as a script with -WarningAction SilentlyContinue would.</summary>
    private sealed class SilentHost : IOperationHost
    {
        public bool ShouldChange(string target, string action, ChangeImpact impact, out bool whatIf)
        {
            whatIf = false;
            return false;
        }

        public void JournalUsed(string path) { }
        public void Output(object result) { }
        public void Warning(string message) { }
        public void Verbose(string message) { }
        public void Problem(OperationProblem problem) { }
        public void Progress(int activityId, string activity, string status, int done, int total, string? currentOperation = null) { }
        public void ProgressCompleted(int activityId, string activity) { }
    }
}
