namespace QlikLicense.Logs
{
    /// <summary>Which log line told us about a denial; lower values are the better witnesses.</summary>
    internal enum DenialEvidence
    {
        /// <summary>Repository audit/service logs: Command <c>License user access</c>, Result <c>403</c>.</summary>
        RepositoryLicenseCheck = 0,
        /// <summary>License_Repository trace: Operation <c>UsageDenied</c>.</summary>
        LicenseTrace = 1,
        /// <summary>Proxy audit/service logs: Result <c>403</c> with result code <c>NoAvailableAccessType</c>.</summary>
        ProxyAppAccess = 2,
        /// <summary>Proxy audit trace (no Command column): result code <c>NoAvailableAccessType</c>.</summary>
        ProxyTrace = 3,
    }
}
