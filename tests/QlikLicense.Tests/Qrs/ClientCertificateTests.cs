using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using QlikLicense.Qrs;
using Xunit;

namespace QlikLicense.Tests.Qrs;

public sealed class ClientCertificateTests
{
    private static readonly DateTime Now = new(2026, 12, 2, 12, 0, 0, DateTimeKind.Utc);

    private static X509Certificate2 Certificate(string subject, int issuedDaysAgo, int validDays, bool withKey = true)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest(subject, key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var certificate = request.CreateSelfSigned(Now.AddDays(-issuedDaysAgo), Now.AddDays(-issuedDaysAgo + validDays));
        if (withKey) return certificate;
        using (certificate) return X509CertificateLoader.LoadCertificate(certificate.RawData);
    }

    [Fact]
    public void The_default_QlikClient_certificate_is_the_newest_valid_one_with_a_key()
    {
        var old = Certificate("CN=QlikClient", 400, 3650);
        var newest = Certificate("CN=QlikClient", 10, 3650);
        var expired = Certificate("CN=QlikClient", 5, 2);
        var notYetValid = Certificate("CN=QlikClient", -3, 3650);
        var keyless = Certificate("CN=QlikClient", 1, 3650, withKey: false);
        var other = Certificate("CN=Other", 0, 3650);

        var chosen = ClientCertificates.NewestValid(new[] { old, expired, newest, notYetValid, keyless, other }, "CN=QlikClient", Now);

        Assert.Equal(newest.Thumbprint, chosen.Thumbprint);
        Assert.Null(ClientCertificates.NewestValid(new[] { expired, keyless }, "CN=QlikClient", Now));
    }

    [Fact]
    public void A_PFX_that_fails_with_the_user_key_set_is_retried_once_with_the_machine_key_set()
    {
        var tried = new List<X509KeyStorageFlags>();
        var certificate = Certificate("CN=QlikClient", 1, 30);

        var loaded = ClientCertificates.LoadPfx(flags =>
        {
            tried.Add(flags);
            return flags == X509KeyStorageFlags.MachineKeySet ? certificate : throw new CryptographicException("The system cannot find the file specified.");
        });

        Assert.Same(certificate, loaded);
        Assert.Equal(new[] { X509KeyStorageFlags.DefaultKeySet, X509KeyStorageFlags.MachineKeySet }, tried);
    }

    [Fact]
    public void When_both_key_sets_fail_the_first_error_is_reported()
    {
        var attempts = 0;
        var error = Assert.Throws<CryptographicException>(() => ClientCertificates.LoadPfx(flags =>
            throw new CryptographicException(++attempts == 1 ? "wrong password" : "machine key set refused")));
        Assert.Equal("wrong password", error.Message);
        Assert.Equal(2, attempts);
    }

    [Fact]
    public void A_private_key_the_account_can_open_is_no_problem()
    {
        using var certificate = Certificate("CN=QlikClient", 1, 30);
        Assert.Null(ClientCertificates.PrivateKeyProblem(certificate, "LocalMachine\\My"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void A_certificate_loaded_for_a_connection_is_disposed_with_it_and_a_callers_is_not(bool ownsCertificate)
    {
        var certificate = Certificate("CN=QlikClient", 1, 30);
        var client = new QrsClient(new QrsConnectionSettings
        {
            Server = "localhost", Authentication = new CertificateAuthentication(certificate, "INTERNAL", "sa_repository", ownsCertificate),
        });

        client.Dispose();

        Assert.Equal(ownsCertificate, certificate.Handle == IntPtr.Zero);
        certificate.Dispose();
    }
}
