# The monthly Qlik Sense license routine, step by step. The sandbox runs this file against the simulated site:
#   dotnet run --project tests/QlikLicense.Sandbox
# On a real site, connect first:
#   Connect-QlikSense -Server qlik.corp.example -CertificatePath .\client.pfx -CertificatePassword (Read-Host -AsSecureString) -CaCertificatePath .\root.cer
# Each step ends in Out-Default so that each gets its own table.

Get-QlikConnection | Out-Default

# Users the QMC shows as Inactive (removed from the user directory or blocked).
Get-QlikUser -Inactive | Out-Default
