using System;
using System.Net.Http;
using QlikLicense.Transport;

namespace QlikLicense.Cloud
{
    /// <summary>Where and how to reach one Qlik Cloud tenant.</summary>
    public sealed class CloudConnectionSettings
    {
        /// <summary>The tenant's own URL, https://&lt;tenant&gt;.&lt;region&gt;.qlikcloud.com; every request (next-page links too) goes here.</summary>
        public Uri Tenant { get; set; } = null!;

        /// <summary>
        /// The tenant's https URL from a URL or a bare host name; null when it is neither, or names another scheme
        /// (an API key must never travel unencrypted). Connect-QlikCloud and a sites file's tenant entries both ask here.
        /// </summary>
        public static Uri? TenantUrl(string text)
        {
            var candidate = text.Contains("://") ? text : "https://" + text;
            return Uri.TryCreate(candidate, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && uri.Host.Length > 0 ? uri : null;
        }

        /// <summary>Required: an API key or OAuth client credentials.</summary>
        public CloudCredentials Credentials { get; set; } = null!;

        public ServerCertificateTrust Trust { get; set; } = new ServerCertificateTrust();
        public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(100);

        /// <summary>
        /// The least time between two writes: Tier 2 allows 100 a minute per user, so 0.7 s keeps below it with room
        /// for other tools of the same user.
        /// </summary>
        public TimeSpan WriteInterval { get; set; } = TimeSpan.FromMilliseconds(700);

        /// <summary>Items per batch action (add, delete); the tenant's largest batch is unconfirmed, so it stays small.</summary>
        public int BatchSize { get; set; } = DefaultBatchSize;

        public const int DefaultBatchSize = 100;
        public const int MaximumBatchSize = 100;

        /// <summary>Further tries of a read after a 502, 503, 504, reset or timeout (a 429 is waited out however often it comes).</summary>
        public int MaxRetries { get; set; } = 3;
        public TimeSpan RetryDelay { get; set; } = TimeSpan.FromMilliseconds(500);

        /// <summary>How long a 429 without Retry-After blocks its tier.</summary>
        public TimeSpan DefaultRetryAfter { get; set; } = TimeSpan.FromSeconds(5);

        /// <summary>A handler to send through instead of the network (tests); the certificate options do not apply to it.</summary>
        public HttpMessageHandler? Handler { get; set; }
    }
}
