using System;
using System.Collections.Generic;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace QlikLicense.Qrs
{
    /// <summary>Choosing and opening client certificates the way a scheduled task's account on Windows needs.</summary>
    internal static class ClientCertificates
    {
        /// <summary>The newest (latest NotBefore) certificate with this subject and a private key that is valid now.</summary>
        public static X509Certificate2? NewestValid(IEnumerable<X509Certificate2> certificates, string subject, DateTime utcNow) =>
            certificates
                .Where(certificate => string.Equals(certificate.Subject, subject, StringComparison.OrdinalIgnoreCase) && certificate.HasPrivateKey
                    && certificate.NotBefore.ToUniversalTime() <= utcNow && utcNow <= certificate.NotAfter.ToUniversalTime())
                .OrderByDescending(certificate => certificate.NotBefore)
                .FirstOrDefault();

        /// <summary>
        /// Loads a PFX with the user's key set and, when that fails (an account without a loaded user profile, as a task's
        /// service account may be), once more with the machine key set; the first error stands when both fail.
        /// </summary>
        public static X509Certificate2 LoadPfx(Func<X509KeyStorageFlags, X509Certificate2> load)
        {
            try
            {
                return load(X509KeyStorageFlags.DefaultKeySet);
            }
            catch (CryptographicException first)
            {
                try
                {
                    return load(X509KeyStorageFlags.MachineKeySet);
                }
                catch (CryptographicException)
                {
                    throw first;
                }
            }
        }

        /// <summary>Null when this account can open the certificate's private key; otherwise why not and how to grant access.</summary>
        public static string? PrivateKeyProblem(X509Certificate2 certificate, string storeName)
        {
            try
            {
                using (var key = (AsymmetricAlgorithm?)certificate.GetRSAPrivateKey() ?? certificate.GetECDsaPrivateKey())
                {
                    if (key != null) return null;
                }
            }
            catch (CryptographicException error)
            {
                return QrsMessages.Certificates.PrivateKeyUnopenable(certificate, storeName, error.Message);
            }
            return QrsMessages.Certificates.PrivateKeyUnopenable(certificate, storeName, QrsMessages.Certificates.NeitherRsaNorEcdsa);
        }
    }
}
