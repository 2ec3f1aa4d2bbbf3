<#
.SYNOPSIS
    Builds, tests, documents and packages QlikLicense on a machine with PowerShell (Windows PowerShell 5.1 or pwsh).
.DESCRIPTION
    Build:   dotnet build, which lays out the importable module folder out/QlikLicense (manifest, assemblies, format
             files, MAML help made by the repository's own converter).
    Test:    Build, then every xUnit test (dotnet test) and, when Pester 5 is installed, the Pester suite in tests/Pester.
    Docs:    MAML help from docs/en-US with platyPS when it is installed (the build's converter did it already otherwise).
    Package: Build and Docs, then a zip of the module folder in out/, named after the manifest's version.
.EXAMPLE
    ./build.ps1 -Task Build, Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package')]
    [string[]] $Task = 'Build',

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$solution = Join-Path $root 'QlikLicense.sln'
$moduleFolder = Join-Path $root 'out/QlikLicense'
$manifest = Import-PowerShellDataFile (Join-Path $root 'QlikLicense.psd1')

function Invoke-DotNet {
    param([Parameter(ValueFromRemainingArguments)] [string[]] $Arguments)
    & dotnet @Arguments
    if ($LASTEXITCODE -ne 0) { throw "dotnet $($Arguments -join ' ') failed with exit code $LASTEXITCODE." }
}

function Invoke-BuildTask {
    Invoke-DotNet build $solution -c $Configuration
}

function Invoke-TestTask {
    Invoke-DotNet test $solution -c $Configuration
    $pester = Get-Module -ListAvailable Pester | Where-Object { $_.Version -ge [version]'5.0' } | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        Write-Warning 'Pester 5 is not installed: the Pester suite in tests/Pester was not run.'
        return
    }
    Import-Module $pester
    $configuration = New-PesterConfiguration
    $configuration.Run.Path = Join-Path $root 'tests/Pester'
    $configuration.Run.PassThru = $true
    $configuration.Output.Verbosity = 'Detailed'
    $result = Invoke-Pester -Configuration $configuration
    if ($result.FailedCount -gt 0) { throw "$($result.FailedCount) Pester test(s) failed." }
}

function Invoke-DocsTask {
    if (-not (Get-Module -ListAvailable platyPS)) {
        Write-Warning 'platyPS is not installed: the MAML help in out/QlikLicense/en-US comes from the build''s own converter (src/QlikLicense.HelpBuilder).'
        return
    }
    Import-Module platyPS
    New-ExternalHelp -Path (Join-Path $root 'docs/en-US') -OutputPath (Join-Path $moduleFolder 'en-US') -Force | Out-Null
}

function Invoke-PackageTask {
    Invoke-BuildTask
    Invoke-DocsTask
    $zip = Join-Path $root "out/QlikLicense-$($manifest.ModuleVersion).zip"
    Compress-Archive -Path $moduleFolder -DestinationPath $zip -Force
    Write-Host "Package: $zip"
}

foreach ($name in $Task) {
    Write-Host "== $name" -ForegroundColor Cyan
    switch ($name) {
        'Build' { Invoke-BuildTask }
        'Test' { Invoke-BuildTask; Invoke-TestTask }
        'Docs' { Invoke-DocsTask }
        'Package' { Invoke-PackageTask }
    }
}
