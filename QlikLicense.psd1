@{
    RootModule           = 'QlikLicense.dll'
    ModuleVersion        = '0.1.0'
    GUID                 = '5d0f3c1e-8a47-4c1b-9a3e-2f6b7d9e4a10'
    Author               = 'QlikLicense contributors'
    CompanyName          = 'QlikLicense'
    Copyright            = '(c) QlikLicense contributors. MIT License.'
    Description          = 'Qlik Sense Enterprise on Windows license maintenance: release the allocations of inactive users with -WhatIf, a journal and undo; find users denied a license in the logs; manage license rules; run the monthly routine in one command.'
    PowerShellVersion    = '5.1'
    CompatiblePSEditions = @('Desktop', 'Core')
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess     = @(
        'QlikLicense.format.ps1xml'
        'QlikLicense.Allocations.format.ps1xml'
        'QlikLicense.Denials.format.ps1xml'
        'QlikLicense.Summary.format.ps1xml'
        'QlikLicense.Rules.format.ps1xml'
        'QlikLicense.Maintenance.format.ps1xml'
    )
    CmdletsToExport      = @(
        'Connect-QlikSense'
        'Disconnect-QlikSense'
        'Get-QlikConnection'
        'Get-QlikUser'
        'Get-QlikLicenseAllocation'
        'Get-QlikInactiveLicensedUser'
        'Remove-QlikLicenseAllocation'
        'Add-QlikLicenseAllocation'
        'Restore-QlikLicenseAllocation'
        'Undo-QlikLicenseChange'
        'Get-QlikLicenseJournal'
        'Get-QlikLicenseDenial'
        'Test-QlikLicenseMonitor'
        'Get-QlikLicenseSummary'
        'Get-QlikLicenseRule'
        'New-QlikLicenseRule'
        'Set-QlikLicenseRule'
        'Remove-QlikLicenseRule'
        'Test-QlikLicenseRule'
        'Invoke-QlikLicenseMaintenance'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Qlik', 'QlikSense', 'License', 'QRS', 'Administration', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows')
            ProjectUri   = 'https://github.com/qliklicense/QlikLicense'
            LicenseUri   = 'https://github.com/qliklicense/QlikLicense/blob/main/LICENSE'
            ReleaseNotes = 'See README.md.'
        }
    }
}
