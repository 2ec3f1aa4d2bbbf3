# Sites and Qlik Cloud tenants for a scheduled Invoke-QlikLicenseMaintenance -SitesFile run. Data only: the module
# reads this file without running it, and refuses an entry that holds a secret. Relative paths are relative to this file.
@{
    Sites = @(
        # The QlikClient certificate in the task account's store (CurrentUser or LocalMachine 'My'), port 4242.
        @{
            Name                  = 'Production'
            Server                = 'qlik.corp.example'
            CertificateThumbprint = '3F2A9C1B7D4E5F60718293A4B5C6D7E8F9012345'
            CaCertificatePath     = 'certs\prod-root.cer'
        }
        # The exported client.pfx; its password in a file made, as the task's account on the machine that runs
        # the task, with:  Read-Host -AsSecureString | Export-Clixml D:\QlikLicense\certs\test-client.pfx.xml
        # (Windows protects it with DPAPI for that account and machine; on Linux and macOS it is NOT encrypted).
        @{
            Name                    = 'Test'
            Server                  = 'qlik-test.corp.example'
            Port                    = 4242
            CertificatePath         = 'certs\test-client.pfx'
            CertificatePasswordPath = 'certs\test-client.pfx.xml'
            CaCertificatePath       = 'certs\test-root.cer'
            UserDirectory           = 'INTERNAL'
            UserId                  = 'sa_repository'
        }
        # Through a virtual proxy with Windows authentication, as the task's account.
        @{
            Name                  = 'Development'
            Server                = 'qlik-dev.corp.example'
            VirtualProxyPrefix    = 'windows'
            UseDefaultCredentials = $true
            TrustedCertificateThumbprint = 'A1B2C3D4E5F60718293A4B5C6D7E8F9012345678'
            TimeoutSec            = 60
        }
        # A Qlik Cloud tenant with a Tenant Admin's API key, in a file made as the task's account on the machine that
        # runs the task with:  Read-Host -AsSecureString | Export-Clixml D:\QlikLicense\keys\eu-key.xml
        @{
            Name       = 'Cloud EU'
            Tenant     = 'https://acme.eu.qlikcloud.com'
            ApiKeyPath = 'keys\eu-key.xml'
        }
        # A tenant through an OAuth machine-to-machine client: its id here, its secret in an Export-Clixml file.
        @{
            Name             = 'Cloud US'
            Tenant           = 'acme.us.qlikcloud.com'
            ClientId         = '0a1b2c3d4e5f60718293a4b5c6d7e8f9'
            ClientSecretPath = 'keys\us-secret.xml'
        }
    )
}
