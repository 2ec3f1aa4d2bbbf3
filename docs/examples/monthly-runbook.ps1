# The monthly Qlik Sense license routine, step by step. The sandbox runs this file against the simulated site:
#   dotnet run --project tests/QlikLicense.Sandbox
# On a real site, connect first:
#   Connect-QlikSense -Server qlik.corp.example -CertificatePath .\client.pfx -CertificatePassword (Read-Host -AsSecureString) -CaCertificatePath .\root.cer
# Each step ends in Out-Default so that each gets its own table. The sandbox sets $QlikExampleFolder to docs/examples.

Get-QlikConnection | Out-Default

# Step 1: is the License Monitor current? Its usage and denial numbers are only as recent as its last reload.
Test-QlikLicenseMonitor | Out-Default

# Step 2: allocations of users the user directory no longer knows (QMC: Inactive). A warning names every enabled
# license rule that would hand the allocation straight back. -WhatIf shows what would be released and changes nothing.
Get-QlikInactiveLicensedUser -Exclude 'INTERNAL\*' | Out-Default
Get-QlikInactiveLicensedUser -Exclude 'INTERNAL\*' | Remove-QlikLicenseAllocation -WhatIf

# License rules: which rules allocate licenses automatically, and whom a change would grant (nothing is saved).
Get-QlikLicenseRule | Out-Default
Get-QlikLicenseRule -Name 'Sales analyzers' | Set-QlikLicenseRule -Rule '((user.group="Sales" or user.group="Marketing"))' -WhatIf

# Step 3: who was denied a license. On a site, leave out -Path: the cmdlet reads the ArchivedLogs share that
# QRS names and, on a node, %ProgramData%\Qlik\Sense\Log. The sandbox reads the sample logs in docs/examples/logs.
$denied = Get-QlikLicenseDenial -Path "$QlikExampleFolder/logs"
$denied | Out-Default

# Allocate to the denied people the site knows, who hold no license yet and whom a seat helps (their Cause: no access
# type, or unstated; not too many sessions, a pending sync or the license); -WhatIf changes nothing.
$denied | Where-Object { $_.UserKey -and $_.AllocatedAccessTypes.Count -eq 0 -and $_.Cause -in 'NoAccessType', 'Unstated' } |
    Add-QlikLicenseAllocation -Type Analyzer -WhatIf

# A decision for each finding: the denied users by directory group and the inactive users a rule would grant back,
# each suggestion with the exact command to run (its CommandName and Parameters splat into it too).
@($denied) + @(Get-QlikInactiveLicensedUser -Exclude 'INTERNAL\*' -WarningAction SilentlyContinue) | Get-QlikLicenseSuggestion | Out-Default

# Seats per access type after all that, then what else the monthly check looks for: allocations above the license in
# the order to release them, people holding Professional and Analyzer, and the license's end (warned 60 days ahead).
Get-QlikLicenseSummary | Out-Default
Get-QlikLicenseFinding -Exclude 'INTERNAL\*' | Out-Default

# All of the above in one command, with a report people can read (here a preview: -WhatIf).
Invoke-QlikLicenseMaintenance -LogPath "$QlikExampleFolder/logs" -Since '2019-01-01' -Remove -AllocateDenied Analyzer -WhatIf -PassThru | Out-Default
