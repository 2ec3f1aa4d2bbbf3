using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using System.Threading;
using System.Threading.Tasks;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Transport;

namespace QlikLicense.Cloud
{
    /// <summary>
    /// One HTTP client per connection to a tenant's REST API: bearer token (renewed before it expires), rate tiers
    /// (a 429 blocks its tier for Retry-After, then the request goes on; writes are paced), paging to the end, one
    /// trace line per request. Thread-safe.
    /// </summary>
    internal sealed class CloudClient : IDisposable
    {

        /// <summary>A token is renewed when less than this is left of it, so a long run never sends an expired one.</summary>
        private static readonly TimeSpan TokenRenewalMargin = TimeSpan.FromMinutes(5);

        private static readonly HashSet<HttpStatusCode> TransientStatuses = new HashSet<HttpStatusCode>
        {
            HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
        };

        private readonly HttpClient http;
        private readonly CloudConnectionSettings settings;
        private readonly Func<DateTime> utcNow;
        private readonly Dictionary<CloudRateTier, CloudTierGate> gates;
        private readonly SemaphoreSlim tokenLock = new SemaphoreSlim(1, 1);
        private string? accessToken;
        private DateTime tokenExpiresUtc;

        public CloudClient(CloudConnectionSettings settings, Func<DateTime>? utcNow = null)
        {
            this.settings = settings ?? throw new ArgumentNullException(nameof(settings));
            if (settings.Tenant == null || settings.Credentials == null) throw new ArgumentException(CloudMessages.NoTenantOrCredentials, nameof(settings));
            this.utcNow = utcNow ?? (() => DateTime.UtcNow);
            var handler = settings.Handler ?? NetworkHandler(settings);
            http = new HttpClient(handler, disposeHandler: settings.Handler == null)
            {
                BaseAddress = new Uri(settings.Tenant.GetLeftPart(UriPartial.Authority) + "/"),
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            http.DefaultRequestHeaders.UserAgent.ParseAdd("QlikLicense/" + ModuleVersion.Current);
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            gates = new Dictionary<CloudRateTier, CloudTierGate>
            {
                [CloudRateTier.Read] = new CloudTierGate(TimeSpan.Zero, this.utcNow),
                [CloudRateTier.Write] = new CloudTierGate(settings.WriteInterval, this.utcNow),
                [CloudRateTier.Audit] = new CloudTierGate(TimeSpan.Zero, this.utcNow),
            };
        }

        public CloudConnectionSettings Settings => settings;

        /// <summary>The tenant's host name, which journals and reports use for it.</summary>
        public string TenantName => settings.Tenant.Host;

        /// <summary>GET of one JSON object.</summary>
        public async Task<JObject> GetObjectAsync(string pathAndQuery, SiteCall call, CloudRateTier tier = CloudRateTier.Read)
        {
            var answer = await SendAsync(HttpMethod.Get, pathAndQuery, null, tier, call).ConfigureAwait(false);
            return answer.Body as JObject ?? throw InvalidJson("GET", pathAndQuery, "expected a JSON object");
        }

        /// <summary>
        /// Every item of a list, page after page to the end. The next page's link may name another host (the examples
        /// show the service's internal one): only its query string is taken, sent to this tenant on the same path.
        /// </summary>
        public IEnumerable<JObject> ReadAll(string path, string query, SiteCall call, CloudRateTier tier = CloudRateTier.Read)
        {
            var pathAndQuery = path + query;
            var seen = new HashSet<string>(StringComparer.Ordinal);
            while (seen.Add(pathAndQuery))
            {
                var page = SendAsync(HttpMethod.Get, pathAndQuery, null, tier, call).GetAwaiter().GetResult().Body as JObject
                           ?? throw InvalidJson("GET", path, "expected a JSON object with data");
                if (!(page["data"] is JArray data)) throw InvalidJson("GET", path, "the answer has no data list");
                foreach (var item in data.OfType<JObject>()) yield return item;
                var next = (string?)page["links"]?["next"]?["href"];
                if (string.IsNullOrEmpty(next)) yield break;
                var nextQuery = QueryOf(next!);
                if (nextQuery.Length == 0) yield break;
                pathAndQuery = path + nextQuery;
            }
        }

        /// <summary>A write (POST, PUT) under the write tier; any 2xx answer, 207 included, comes back with its body.</summary>
        public async Task<JToken?> WriteAsync(HttpMethod method, string path, JToken body, SiteCall call)
        {
            var answer = await SendAsync(method, path, body, CloudRateTier.Write, call).ConfigureAwait(false);
            return answer.Body;
        }

        /// <summary>Waits until a write could be sent now, so that a batch can gather what arrives meanwhile.</summary>
        public Task WhenWriteOpenAsync(CancellationToken cancellation) => gates[CloudRateTier.Write].WaitOpenAsync(cancellation);

        public void Dispose()
        {
            http.Dispose();
            tokenLock.Dispose();
        }

        /// <summary>The query of a next-page link ("?page=..."), whatever host and path it names.</summary>
        internal static string QueryOf(string link)
        {
            var start = link.IndexOf('?');
            return start < 0 ? string.Empty : link.Substring(start);
        }

        private static HttpMessageHandler NetworkHandler(CloudConnectionSettings settings)
        {
            var handler = new HttpClientHandler
            {
                UseCookies = false,
                AllowAutoRedirect = false,
                ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => settings.Trust.Validate(certificate, chain, errors),
            };
            TransportSettings.Apply(handler, ServicePointManager.SecurityProtocol);
            return handler;
        }

        private async Task<(int Status, JToken? Body)> SendAsync(HttpMethod method, string pathAndQuery, JToken? body, CloudRateTier tier, SiteCall call)
        {
            var path = PathOf(pathAndQuery);
            var bodyText = body?.ToString(Formatting.None);
            var retriesLeft = method == HttpMethod.Get ? settings.MaxRetries : 0;
            for (var attempt = 1; ; attempt++)
            {
                call.Cancellation.ThrowIfCancellationRequested();
                await gates[tier].EnterAsync(call.Cancellation).ConfigureAwait(false);
                var bearer = await BearerAsync(call).ConfigureAwait(false);
                var (response, failure, elapsed) = await TrySendAsync(method, pathAndQuery, path, bodyText, bearer, call).ConfigureAwait(false);
                using (response)
                {
                    var status = response == null ? "failed" : ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture);
                    if (response != null && (int)response.StatusCode == 429)
                    {
                        var wait = response.Headers.RetryAfter?.Delta ?? RetryAfterDate(response) ?? settings.DefaultRetryAfter;
                        gates[tier].Block(wait);
                        call.Trace(string.Format(CultureInfo.InvariantCulture, "{0} {1} 429 ({2} ms), the {3} tier waits {4:0.#} s (Retry-After)",
                            method.Method, pathAndQuery, elapsed, tier, wait.TotalSeconds));
                        continue;
                    }
                    var retry = retriesLeft > 0 && (failure != null || (response != null && TransientStatuses.Contains(response.StatusCode)));
                    var delay = TimeSpan.FromTicks(settings.RetryDelay.Ticks * (1L << (attempt - 1)));
                    call.Trace(string.Format(CultureInfo.InvariantCulture, "{0} {1} {2} ({3} ms){4}", method.Method, pathAndQuery, status, elapsed,
                        retry ? string.Format(CultureInfo.InvariantCulture, ", retrying in {0:0.0} s", delay.TotalSeconds) : string.Empty));
                    if (retry)
                    {
                        retriesLeft--;
                        await Task.Delay(delay, call.Cancellation).ConfigureAwait(false);
                        continue;
                    }
                    if (failure != null) throw failure;
                    var text = await ReadTextAsync(response!, method, path, call).ConfigureAwait(false);
                    if (!response!.IsSuccessStatusCode) throw StatusError(method.Method, path, response.StatusCode, HttpFailures.TrimBody(text), attempt);
                    return ((int)response.StatusCode, Parse(method.Method, path, text));
                }
            }
        }

        private async Task<(HttpResponseMessage? Response, SiteException? Failure, long Elapsed)> TrySendAsync(
            HttpMethod method, string pathAndQuery, string path, string? bodyText, string bearer, SiteCall call)
        {
            var watch = Stopwatch.StartNew();
            using (var request = new HttpRequestMessage(method, pathAndQuery.TrimStart('/')))
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(call.Cancellation))
            {
                request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
                if (bodyText != null) request.Content = new StringContent(bodyText, Encoding.UTF8, "application/json");
                timeout.CancelAfter(settings.Timeout);
                try
                {
                    var response = await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, timeout.Token).ConfigureAwait(false);
                    return (response, null, watch.ElapsedMilliseconds);
                }
                catch (OperationCanceledException) when (!call.Cancellation.IsCancellationRequested)
                {
                    return (null, Failure(SiteErrorKind.Timeout, method.Method, path, null, CloudMessages.Timeout(method.Method, path, settings.Timeout.TotalSeconds)), watch.ElapsedMilliseconds);
                }
                catch (HttpRequestException error)
                {
                    if (settings.Trust.LastRejected != null && HttpFailures.HasInner<AuthenticationException>(error))
                        throw Failure(SiteErrorKind.UntrustedCertificate, method.Method, path, null, CloudMessages.UntrustedCertificate(settings.Trust.LastRejected), null, error);
                    return (null, Failure(SiteErrorKind.ConnectionFailed, method.Method, path, null,
                        CloudMessages.ConnectionFailed(TenantName, method.Method, path, HttpFailures.Innermost(error).Message), null, error), watch.ElapsedMilliseconds);
                }
            }
        }

        /// <summary>The bearer token: the API key, or the OAuth access token, fetched again when it is about to expire.</summary>
        private async Task<string> BearerAsync(SiteCall call)
        {
            var credentials = settings.Credentials;
            if (!credentials.IsOAuthClient) return credentials.PlainSecret();
            await tokenLock.WaitAsync(call.Cancellation).ConfigureAwait(false);
            try
            {
                if (accessToken == null || utcNow() >= tokenExpiresUtc - TokenRenewalMargin)
                    (accessToken, tokenExpiresUtc) = await RequestTokenAsync(credentials, call).ConfigureAwait(false);
                return accessToken;
            }
            finally
            {
                tokenLock.Release();
            }
        }

        private async Task<(string Token, DateTime ExpiresUtc)> RequestTokenAsync(CloudCredentials credentials, SiteCall call)
        {
            var body = new JObject
            {
                ["client_id"] = credentials.ClientId,
                ["client_secret"] = credentials.PlainSecret(),
                ["grant_type"] = "client_credentials",
            };
            var watch = Stopwatch.StartNew();
            using (var request = new HttpRequestMessage(HttpMethod.Post, CloudPaths.Token.TrimStart('/')))
            using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(call.Cancellation))
            {
                request.Content = new StringContent(body.ToString(Formatting.None), Encoding.UTF8, "application/json");
                timeout.CancelAfter(settings.Timeout);
                HttpResponseMessage response;
                try
                {
                    response = await http.SendAsync(request, timeout.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (!call.Cancellation.IsCancellationRequested)
                {
                    throw Failure(SiteErrorKind.Timeout, "POST", CloudPaths.Token, null, CloudMessages.Timeout("POST", CloudPaths.Token, settings.Timeout.TotalSeconds));
                }
                catch (HttpRequestException error)
                {
                    if (settings.Trust.LastRejected != null && HttpFailures.HasInner<AuthenticationException>(error))
                        throw Failure(SiteErrorKind.UntrustedCertificate, "POST", CloudPaths.Token, null, CloudMessages.UntrustedCertificate(settings.Trust.LastRejected), null, error);
                    throw Failure(SiteErrorKind.ConnectionFailed, "POST", CloudPaths.Token, null,
                        CloudMessages.ConnectionFailed(TenantName, "POST", CloudPaths.Token, HttpFailures.Innermost(error).Message), null, error);
                }
                using (response)
                {
                    call.Trace(string.Format(CultureInfo.InvariantCulture, "POST {0} {1} ({2} ms)", CloudPaths.Token, (int)response.StatusCode, watch.ElapsedMilliseconds));
                    var text = await ReadTextAsync(response, HttpMethod.Post, CloudPaths.Token, call).ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                        throw Failure(SiteErrorKind.AccessDenied, "POST", CloudPaths.Token, (int)response.StatusCode,
                            CloudMessages.TokenRefused(credentials.ClientId!, (int)response.StatusCode + " " + response.StatusCode));
                    var answer = Parse("POST", CloudPaths.Token, text) as JObject;
                    var token = (string?)answer?["access_token"];
                    if (string.IsNullOrEmpty(token)) throw Failure(SiteErrorKind.InvalidResponse, "POST", CloudPaths.Token, (int)response.StatusCode, CloudMessages.TokenUnreadable);
                    var lifetime = TimeSpan.FromSeconds((double?)answer!["expires_in"] ?? 3600);
                    return (token!, utcNow() + lifetime);
                }
            }
        }

        private static async Task<string> ReadTextAsync(HttpResponseMessage response, HttpMethod method, string path, SiteCall call)
        {
            try
            {
                return response.Content == null ? string.Empty : await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            }
            catch (Exception error) when (error is IOException || error is HttpRequestException || error is ObjectDisposedException)
            {
                call.Cancellation.ThrowIfCancellationRequested();
                throw new SiteException(SiteKind.QlikCloud, SiteErrorKind.InvalidResponse, method.Method, path, (int)response.StatusCode,
                    CloudMessages.InvalidJson(method.Method, path, "the answer was cut off: " + error.Message), null, error);
            }
        }

        private static JToken? Parse(string method, string path, string text)
        {
            try
            {
                return HttpFailures.ParseWhole(text);
            }
            catch (JsonException error)
            {
                throw new SiteException(SiteKind.QlikCloud, SiteErrorKind.InvalidResponse, method, path, null, CloudMessages.InvalidJson(method, path, error.Message), HttpFailures.TrimBody(text), error);
            }
        }

        private SiteException StatusError(string method, string path, HttpStatusCode status, string? body, int attempts)
        {
            var code = (int)status;
            var reason = $"{code} {status}";
            var kind = HttpStatuses.KindOf(code);
            var message = kind == SiteErrorKind.AccessDenied ? CloudMessages.AccessDenied(method, path, reason, settings.Credentials.IsOAuthClient)
                : kind == SiteErrorKind.NotFound ? CloudMessages.NotFound(method, path)
                : kind == SiteErrorKind.Conflict ? CloudMessages.Conflict(method, path)
                : kind == SiteErrorKind.ServerError ? CloudMessages.ServerError(method, path, reason, attempts)
                : CloudMessages.Rejected(method, path, reason, body);
            var error = Failure(kind, method, path, code, message, body);
            error.Attempts = attempts;
            return error;
        }

        private static SiteException Failure(SiteErrorKind kind, string method, string path, int? status, string message, string? body = null, Exception? inner = null) =>
            new SiteException(SiteKind.QlikCloud, kind, method, path, status, message, body, inner);

        private static SiteException InvalidJson(string method, string path, string detail) =>
            Failure(SiteErrorKind.InvalidResponse, method, path, 200, CloudMessages.InvalidJson(method, path, detail));

        private static TimeSpan? RetryAfterDate(HttpResponseMessage response)
        {
            var date = response.Headers.RetryAfter?.Date;
            if (date == null) return null;
            var wait = date.Value - DateTimeOffset.UtcNow;
            return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
        }

        private static string PathOf(string pathAndQuery)
        {
            var query = pathAndQuery.IndexOf('?');
            return query < 0 ? pathAndQuery : pathAndQuery.Substring(0, query);
        }
    }
}
