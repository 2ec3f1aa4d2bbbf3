# Imports the build of the cmdlets for this PowerShell: Core (PowerShell 7.4 and later, .NET 8 or later) or Desktop
# (Windows PowerShell 5.1, .NET Framework). The manifest exports their cmdlets; removing this module removes that build too.
# Only Core cmdlets are used: a host may load the module without Microsoft.PowerShell.Management.
$edition = if ($PSEdition -eq 'Core') { 'Core' } else { 'Desktop' }
$cmdlets = Import-Module -Name ([System.IO.Path]::Combine($PSScriptRoot, $edition, 'QlikLicense.dll')) -PassThru
$ExecutionContext.SessionState.Module.OnRemove = { Remove-Module -ModuleInfo $cmdlets }
