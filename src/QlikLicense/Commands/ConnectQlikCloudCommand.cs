using System;
using System.Management.Automation;
using System.Security;
using QlikLicense.Cloud;
using QlikLicense.Model;

namespace QlikLicense.Commands
{
    [Cmdlet(VerbsCommunications.Connect, "QlikCloud", DefaultParameterSetName = ApiKeySet)]
    [OutputType(typeof(QlikConnection))]
    public sealed class ConnectQlikCloudCommand : ConnectCmdletBase
    {
        private const string ApiKeySet = "ApiKey";
        private const string OAuthClientSet = "OAuthClient";

        /// <summary>https://&lt;tenant&gt;.&lt;region&gt;.qlikcloud.com, or its host name alone.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Tenant { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = ApiKeySet)]
        [ValidateNotNull]
        [ValidateHeaderValue(AllowSpaces = false)]
        public SecureString? ApiKey { get; set; }

        [Parameter(Mandatory = true, ParameterSetName = OAuthClientSet)]
        [ValidateNotNullOrEmpty]
        public string ClientId { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ParameterSetName = OAuthClientSet)]
        [ValidateNotNull]
        public SecureString? ClientSecret { get; set; }

        protected override void EndProcessing()
        {
            var tenant = CloudConnectionSettings.TenantUrl(Tenant);
            if (tenant == null)
                throw Fail(new ArgumentException(Messages.Connections.InvalidTenant(Tenant)), ErrorIds.InvalidTenantUrl, ErrorCategory.InvalidArgument, Tenant);
            var settings = new CloudConnectionSettings
            {
                Tenant = tenant,
                Credentials = ParameterSetName == OAuthClientSet ? CloudCredentials.OAuthClient(ClientId, ClientSecret!) : CloudCredentials.ApiKey(ApiKey!),
                Trust = BuildTrust(),
                Timeout = TimeSpan.FromSeconds(TimeoutSec),
            };
            if (SkipCertificateCheck)
                WriteWarning(Messages.Connections.CertificateNotChecked(tenant.Host));

            QlikConnection connection;
            try
            {
                connection = Wait(CloudSite.ConnectAsync(settings, Call));
            }
            catch (SiteException error)
            {
                throw Terminate(ErrorFor(error, Tenant));
            }
            MakeDefault(connection, connection.ServerVersion ?? "Qlik Cloud");
        }
    }
}
