using System;
using System.Net;
using System.Security;

namespace QlikLicense.Cloud
{
    /// <summary>How a tenant connection gets its bearer token: an API key as it is, or OAuth client credentials.</summary>
    public sealed class CloudCredentials
    {
        private CloudCredentials(SecureString secret, string? clientId)
        {
            Secret = secret;
            ClientId = clientId;
        }

        /// <summary>The API key, or the OAuth client's secret.</summary>
        internal SecureString Secret { get; }

        /// <summary>The OAuth client's id; null for an API key.</summary>
        public string? ClientId { get; }

        public bool IsOAuthClient => ClientId != null;

        /// <summary>A short description for Get-QlikConnection; never a secret.</summary>
        public string Description => ClientId == null ? "API key" : "OAuth client " + ClientId;

        public static CloudCredentials ApiKey(SecureString key) => new CloudCredentials(key ?? throw new ArgumentNullException(nameof(key)), null);

        public static CloudCredentials OAuthClient(string clientId, SecureString clientSecret)
        {
            if (string.IsNullOrEmpty(clientId)) throw new ArgumentException(CloudMessages.EmptyClientId, nameof(clientId));
            return new CloudCredentials(clientSecret ?? throw new ArgumentNullException(nameof(clientSecret)), clientId);
        }

        /// <summary>The secret in plain text, only for the moment a request is built.</summary>
        internal string PlainSecret() => new NetworkCredential(string.Empty, Secret).Password;
    }
}
