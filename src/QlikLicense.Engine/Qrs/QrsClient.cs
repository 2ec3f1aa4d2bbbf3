using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.IO;
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

namespace QlikLicense.Qrs
{
    /// <summary>One HTTP client per connection to a site's repository. Thread-safe.</summary>
    public sealed class QrsClient : IDisposable
    {
        private static readonly HashSet<HttpStatusCode> TransientStatuses = new HashSet<HttpStatusCode>
        {
            (HttpStatusCode)429, HttpStatusCode.BadGateway, HttpStatusCode.ServiceUnavailable, HttpStatusCode.GatewayTimeout,
        };

        private readonly HttpClient http;
        private readonly QrsConnectionSettings settings;

        public QrsClient(QrsConnectionSettings settings)
        {
            this.settings = settings ?? throw new ArgumentNullException(nameof(settings));
            if (settings.Authentication == null) throw new ArgumentException(QrsMessages.Requests.NoAuthentication, nameof(settings));
            http = new HttpClient(settings.Handler ?? NetworkHandler(settings), disposeHandler: settings.Handler == null)
            {
                BaseAddress = settings.BaseUri,
                Timeout = System.Threading.Timeout.InfiniteTimeSpan,
            };
            // A virtual proxy matches "Windows" in the User-Agent to choose Windows authentication over its login form.
            http.DefaultRequestHeaders.UserAgent.ParseAdd(settings.Authentication is WindowsAuthentication
                ? "Mozilla/5.0 (Windows NT 10.0; Win64; x64) QlikLicense/" + ModuleVersion.Current
                : "QlikLicense/" + ModuleVersion.Current);
            http.DefaultRequestHeaders.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        }

        public QrsConnectionSettings Settings => settings;

        private static HttpMessageHandler NetworkHandler(QrsConnectionSettings settings)
        {
            var handler = new HttpClientHandler
            {
                CookieContainer = new CookieContainer(),
                UseCookies = true,
                AllowAutoRedirect = true,
                ServerCertificateCustomValidationCallback = (message, certificate, chain, errors) => settings.Trust.Validate(certificate, chain, errors),
            };
            settings.Authentication.Configure(handler);
            TransportSettings.Apply(handler, ServicePointManager.SecurityProtocol);
            return handler;
        }

        public Task<JToken?> GetAsync(string path, SiteCall call, QrsFilter? filter = null) =>
            SendForJsonAsync(HttpMethod.Get, path, filter, null, call);

        /// <summary>GET of one entity, read by <paramref name="map"/>; an answer that is no JSON object, or one <paramref name="map"/> cannot read, is an InvalidResponse.</summary>
        public async Task<T> GetObjectAsync<T>(string path, Func<JObject, T> map, SiteCall call)
        {
            var token = await GetAsync(path, call).ConfigureAwait(false);
            if (!(token is JObject json))
                throw InvalidJson(path, null, token == null ? QrsMessages.Answers.Empty : QrsMessages.Answers.NotAnObject(token.Type));
            return Map(path, json, map);
        }

        public Task<JToken?> PostAsync(string path, JToken body, SiteCall call) => SendForJsonAsync(HttpMethod.Post, path, null, body, call);

        public Task<JToken?> PutAsync(string path, JToken body, SiteCall call) => SendForJsonAsync(HttpMethod.Put, path, null, body, call);

        /// <summary>DELETE; a 404 is an answer ("already gone"), not an error.</summary>
        public async Task<ReleaseAnswer> DeleteAsync(string path, SiteCall call)
        {
            using (var outcome = await SendAsync(HttpMethod.Delete, path, null, null, call, acceptNotFound: true).ConfigureAwait(false))
            {
                return new ReleaseAnswer(outcome.Response.StatusCode != HttpStatusCode.NotFound, outcome.Attempts);
            }
        }

        /// <summary>/count answers a bare integer on some versions and {"value":n} on others.</summary>
        public async Task<long> CountAsync(string entityPath, SiteCall call, QrsFilter? filter = null)
        {
            var token = await GetAsync(QrsPaths.Count(entityPath), call, filter).ConfigureAwait(false);
            var value = token is JObject wrapped ? wrapped["value"] : token;
            if (value == null || (value.Type != JTokenType.Integer && value.Type != JTokenType.Float))
                throw new QrsException(SiteErrorKind.InvalidResponse, "GET", QrsPaths.Count(entityPath), 200, QrsMessages.Answers.CountNotANumber);
            return value.Value<long>();
        }

        /// <summary>
        /// Streams the items of a JSON array answer one at a time, so a 100,000-user /full answer is never held whole.
        /// </summary>
        public IEnumerable<T> Stream<T>(string path, Func<JObject, T> map, SiteCall call, QrsFilter? filter = null)
        {
            var outcome = SendAsync(HttpMethod.Get, path, filter, null, call, acceptNotFound: false).GetAwaiter().GetResult();
            using (outcome)
            // Ctrl+C must stop a long read promptly: disposing the response aborts the blocking read.
            using (call.Cancellation.Register(outcome.Dispose))
            {
                JsonTextReader reader;
                try
                {
                    var stream = outcome.Response.Content.ReadAsStreamAsync().GetAwaiter().GetResult();
                    reader = new JsonTextReader(new StreamReader(stream, new UTF8Encoding(false))) { DateParseHandling = DateParseHandling.None, CloseInput = true };
                    if (!reader.Read() || reader.TokenType != JsonToken.StartArray)
                        throw InvalidJson(path, null, QrsMessages.Answers.NotAnArray);
                }
                catch (Exception error) when (IsReadFailure(error))
                {
                    throw ReadFailure(path, error, call);
                }

                using (reader)
                {
                    while (true)
                    {
                        JObject item;
                        try
                        {
                            if (!reader.Read()) throw InvalidJson(path, null, QrsMessages.Answers.ArrayNotClosed);
                            if (reader.TokenType == JsonToken.EndArray) break;
                            if (reader.TokenType != JsonToken.StartObject) throw InvalidJson(path, null, QrsMessages.Answers.NotAnObjectInArray);
                            item = JObject.Load(reader);
                        }
                        catch (Exception error) when (IsReadFailure(error))
                        {
                            throw ReadFailure(path, error, call);
                        }
                        yield return Map(path, item, map);
                    }
                }
            }
        }

        public void Dispose()
        {
            http.Dispose();
            settings.Authentication?.Release();
        }

        /// <summary>Reads one JSON object; a value of an unexpected type or format (a date that is no date) is an InvalidResponse, not a crash.</summary>
        private static T Map<T>(string path, JObject json, Func<JObject, T> map)
        {
            try
            {
                return map(json);
            }
            catch (Exception error) when (error is FormatException || error is InvalidCastException || error is ArgumentException || error is OverflowException)
            {
                throw InvalidJson(path, error, QrsMessages.Answers.UnexpectedValue(error.Message));
            }
        }

        private static bool IsReadFailure(Exception error) =>
            error is JsonException || error is IOException || error is HttpRequestException || error is ObjectDisposedException;

        private static Exception ReadFailure(string path, Exception error, SiteCall call)
        {
            if (call.Cancellation.IsCancellationRequested) return new OperationCanceledException(call.Cancellation);
            // A body that breaks off is an incomplete answer, whichever layer notices first.
            return error is JsonException json ? InvalidJson(path, json, json.Message) : InvalidJson(path, error, QrsMessages.Answers.CutOff(error.Message));
        }

        private static QrsException InvalidJson(string path, Exception? inner, string detail) => new QrsException(
            SiteErrorKind.InvalidResponse, "GET", path, 200, QrsMessages.Answers.InvalidJson("GET", path, detail), null, inner);

        private async Task<JToken?> SendForJsonAsync(HttpMethod method, string path, QrsFilter? filter, JToken? body, SiteCall call)
        {
            using (var outcome = await SendAsync(method, path, filter, body, call, acceptNotFound: false).ConfigureAwait(false))
            {
                string text;
                try
                {
                    text = await outcome.Response.Content.ReadAsStringAsync().ConfigureAwait(false);
                }
                catch (Exception error) when (IsReadFailure(error))
                {
                    throw ReadFailure(path, error, call);
                }
                try
                {
                    return HttpFailures.ParseWhole(text);
                }
                catch (JsonException error)
                {
                    throw new QrsException(SiteErrorKind.InvalidResponse, method.Method, path, (int)outcome.Response.StatusCode,
                        QrsMessages.Answers.InvalidJson(method.Method, path, error.Message), HttpFailures.TrimBody(text), error);
                }
            }
        }

        private async Task<SendOutcome> SendAsync(HttpMethod method, string path, QrsFilter? filter, JToken? body, SiteCall call, bool acceptNotFound)
        {
            var idempotent = method != HttpMethod.Post;
            var bodyText = body?.ToString(Formatting.None);
            for (var attempt = 1; ; attempt++)
            {
                call.Cancellation.ThrowIfCancellationRequested();
                var xrfkey = Xrfkey.New();
                var query = new StringBuilder("?xrfkey=").Append(xrfkey);
                if (filter != null) query.Append("&filter=").Append(filter.ToQueryValue());

                var request = new HttpRequestMessage(method, path + query);
                request.Headers.TryAddWithoutValidation("X-Qlik-Xrfkey", xrfkey);
                settings.Authentication.Apply(request.Headers);
                if (bodyText != null) request.Content = new StringContent(bodyText, Encoding.UTF8, "application/json");

                var watch = Stopwatch.StartNew();
                HttpResponseMessage? response = null;
                Exception? transientFailure = null;
                using (var timeout = CancellationTokenSource.CreateLinkedTokenSource(call.Cancellation))
                {
                    timeout.CancelAfter(settings.Timeout);
                    try
                    {
                        response = await http.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token).ConfigureAwait(false);
                    }
                    catch (OperationCanceledException) when (!call.Cancellation.IsCancellationRequested)
                    {
                        transientFailure = new QrsException(SiteErrorKind.Timeout, method.Method, path, null,
                            QrsMessages.Requests.Timeout(method.Method, path, settings.Timeout));
                    }
                    catch (HttpRequestException error)
                    {
                        if (settings.Trust.LastRejected != null && HttpFailures.HasInner<AuthenticationException>(error))
                            throw new QrsUntrustedCertificateException(method.Method, path, settings.Trust.LastRejected, error);
                        transientFailure = new QrsException(SiteErrorKind.ConnectionFailed, method.Method, path, null, ConnectionFailureMessage(method, path, error), null, error);
                    }
                    finally
                    {
                        request.Dispose();
                    }
                }

                watch.Stop();
                var retry = attempt <= settings.MaxRetries && idempotent &&
                            (transientFailure != null || (response != null && TransientStatuses.Contains(response.StatusCode)));
                var delay = retry ? RetryDelay(attempt, response) : TimeSpan.Zero;
                call.Trace(QrsMessages.Requests.Sent(method.Method, path, (int?)response?.StatusCode, watch.ElapsedMilliseconds,
                    retry ? QrsMessages.Requests.Retrying(delay, attempt + 1, settings.MaxRetries + 1) : string.Empty));

                if (retry)
                {
                    response?.Dispose();
                    await Task.Delay(delay, call.Cancellation).ConfigureAwait(false);
                    continue;
                }
                if (transientFailure != null) throw transientFailure;
                // Without a failure there is an answer: the send either returned one or threw.
                if (response == null) throw new InvalidOperationException(QrsMessages.Requests.NoAnswer);

                var outcome = new SendOutcome(response, attempt);
                if (response.IsSuccessStatusCode && IsHtml(response))
                {
                    outcome.Dispose();
                    throw new QrsException(SiteErrorKind.LoginPage, method.Method, path, (int)response.StatusCode,
                        QrsMessages.Requests.LoginPage(method.Method, path, settings.Authentication is WindowsAuthentication));
                }
                if (response.IsSuccessStatusCode || (acceptNotFound && response.StatusCode == HttpStatusCode.NotFound)) return outcome;

                string? errorBody;
                try
                {
                    errorBody = HttpFailures.TrimBody(await response.Content.ReadAsStringAsync().ConfigureAwait(false));
                }
                catch (Exception error) when (IsReadFailure(error))
                {
                    errorBody = null;
                }
                outcome.Dispose();
                var statusError = StatusError(method, path, response.StatusCode, errorBody, attempt);
                statusError.Attempts = attempt;
                throw statusError;
            }
        }

        private TimeSpan RetryDelay(int attempt, HttpResponseMessage? response)
        {
            var retryAfter = response?.Headers.RetryAfter?.Delta;
            if (retryAfter != null && retryAfter.Value <= TimeSpan.FromSeconds(30)) return retryAfter.Value;
            return TimeSpan.FromTicks(settings.RetryDelay.Ticks * (1L << (attempt - 1)));
        }

        private QrsException StatusError(HttpMethod method, string path, HttpStatusCode status, string? body, int attempts)
        {
            var code = (int)status;
            var reason = $"{code} {status}";
            var kind = HttpStatuses.KindOf(code);
            switch (kind)
            {
                case SiteErrorKind.AccessDenied:
                    return new QrsException(kind, method.Method, path, code,
                        QrsMessages.Requests.AccessDenied(method.Method, path, reason, QrsMessages.Requests.AccessHint(settings.Authentication.ThroughProxy)), body);
                case SiteErrorKind.NotFound:
                    return new QrsException(kind, method.Method, path, code, QrsMessages.Requests.NotFound(method.Method, path), body);
                case SiteErrorKind.Conflict:
                    return new QrsException(kind, method.Method, path, code, QrsMessages.Requests.Conflict(method.Method, path), body);
                case SiteErrorKind.ServerError:
                    return new QrsException(kind, method.Method, path, code, QrsMessages.Requests.ServerError(method.Method, path, reason, attempts), body);
                default:
                    return new QrsException(kind, method.Method, path, code, QrsMessages.Requests.Rejected(method.Method, path, reason, body), body);
            }
        }

        private string ConnectionFailureMessage(HttpMethod method, string path, HttpRequestException error)
        {
            var detail = HttpFailures.Innermost(error).Message;
            var hint = HttpFailures.HasInner<AuthenticationException>(error) ? QrsMessages.Requests.TlsHandshakeFailed
                : settings.Authentication is CertificateAuthentication && HttpFailures.HasInner<IOException>(error)
                ? QrsMessages.Requests.ClientCertificateRefused
                : string.Empty;
            return QrsMessages.Requests.Unreachable(settings.Server, settings.EffectivePort, method.Method, path, detail, hint);
        }

        private static bool IsHtml(HttpResponseMessage response) =>
            string.Equals(response.Content?.Headers.ContentType?.MediaType, "text/html", StringComparison.OrdinalIgnoreCase);

        private sealed class SendOutcome : IDisposable
        {
            public SendOutcome(HttpResponseMessage response, int attempts)
            {
                Response = response;
                Attempts = attempts;
            }

            public HttpResponseMessage Response { get; }
            public int Attempts { get; }
            public void Dispose() => Response.Dispose();
        }
    }
}
