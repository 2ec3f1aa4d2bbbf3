<#
.SYNOPSIS
    Builds, tests, documents and packages QlikLicense on a machine with PowerShell (Windows PowerShell 5.1 or pwsh).
.DESCRIPTION
    Build:   dotnet build, which lays out the importable module folder out/QlikLicense (manifest, assemblies, format
             files, MAML help made by the repository's own converter).
    Test:    Build, then every xUnit test (dotnet test) and the Pester suite in tests/Pester, with the Pester the build
             restored from NuGet (tests/Pester/QlikLicense.Pester.csproj), then the contract tests, which hold every
             request the simulators served the module meanwhile (out/request-trail) against Qlik's API descriptions.
             All always run; any failing fails the task.
    Docs:    MAML help from docs/en-US with platyPS when it is installed (the build's converter did it already otherwise).
    Package: Build and Docs, then the PowerShell Gallery package out/packages/QlikLicense.<version>.nupkg, made by
             Publish-PSResource into out/packages registered for the call as a local repository.
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -File build.ps1 -Task Test
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

# The Pester module restored by tests/Pester/QlikLicense.Pester.csproj (PackageDownload) into the NuGet packages folder.
function Get-RestoredPesterManifest {
    $project = Join-Path $root 'tests/Pester/QlikLicense.Pester.csproj'
    $version = ([xml](Get-Content -Raw $project)).Project.PropertyGroup.PesterVersion | Where-Object { $_ } | Select-Object -First 1
    $packages = (& dotnet nuget locals global-packages --list) -replace '^global-packages:\s*', ''
    $pester = Join-Path $packages.Trim() "pester/$version/tools/Pester.psd1"
    if (-not (Test-Path $pester)) { throw "Pester $version was not restored to $pester; run dotnet restore $project." }
    $pester
}

function Invoke-TestTask {
    # Every simulator of the run (xUnit's in-process ones, Pester's processes) keeps the requests it served here; the
    # contract tests hold the module's requests against Qlik's API descriptions after everything else ran.
    $trail = Join-Path $root 'out/request-trail'
    Remove-Item $trail -Recurse -Force -ErrorAction SilentlyContinue
    $env:QLIKLICENSE_REQUEST_TRAIL = $trail
    # Both suites run even when the first fails, so the summary counts every test.
    & dotnet test $solution -c $Configuration --no-build --filter 'Category!=RequestTrail'
    $xunitExitCode = $LASTEXITCODE
    Import-Module (Get-RestoredPesterManifest) -Force
    $pesterConfiguration = New-PesterConfiguration
    $pesterConfiguration.Run.Container = New-PesterContainer -Path (Join-Path $root 'tests/Pester/*.Tests.ps1') -Data @{ Configuration = $Configuration }
    $pesterConfiguration.Run.PassThru = $true
    $pesterConfiguration.Output.Verbosity = 'Normal'
    $result = Invoke-Pester -Configuration $pesterConfiguration
    & dotnet test (Join-Path $root 'tests/QlikLicense.Contract.Tests') -c $Configuration --no-build --filter 'Category=RequestTrail'
    $contractExitCode = $LASTEXITCODE
    if ($xunitExitCode -ne 0) { throw "dotnet test failed with exit code $xunitExitCode." }
    if ($contractExitCode -ne 0) { throw "The contract tests (every request held against Qlik's API descriptions) failed with exit code $contractExitCode." }
    if ($result.Result -ne 'Passed') { throw "Pester: $($result.FailedCount) test(s) failed, $($result.FailedContainersCount) container(s) failed." }
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
    $packageFolder = Join-Path $root 'out/packages'
    $null = New-Item -ItemType Directory -Force $packageFolder
    $package = Join-Path $packageFolder "QlikLicense.$($manifest.ModuleVersion).nupkg"
    Remove-Item $package -ErrorAction SilentlyContinue
    # A repository registered for this call only, so the user's repositories (PSGallery and others) stay as they were.
    $repository = 'QlikLicenseBuild' + [guid]::NewGuid().ToString('N')
    Register-PSResourceRepository -Name $repository -Uri $packageFolder -Trusted
    try {
        Publish-PSResource -Path $moduleFolder -Repository $repository
    }
    finally {
        Unregister-PSResourceRepository -Name $repository
    }
    Write-Host "Package: $package"
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
