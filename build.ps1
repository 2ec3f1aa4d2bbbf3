<#
.SYNOPSIS
    Builds, tests, documents and packages QlikLicense on a machine with PowerShell (Windows PowerShell 5.1 or pwsh).
.DESCRIPTION
    Build:   dotnet build, which lays out the importable module folder out/QlikLicense (manifest, assemblies, format
             files, MAML help made by the repository's own converter).
    Test:    Build, then every xUnit test (dotnet test) and the Pester suite in tests/Pester, with the Pester the build
             restored from NuGet (tests/Pester/QlikLicense.Pester.csproj), then the contract tests, which hold every
             request the simulators served the module meanwhile (out/request-trail) against Qlik's API descriptions.
             All always run; any failing fails the task. The summary ends with every skipped test and why (from the
             TRX files in out/test-results).
    Docs:    MAML help from docs/en-US with platyPS when it is installed (the build's converter did it already otherwise).
    Package: Build and Docs, then the PowerShell Gallery package out/packages/QlikLicense.<version>.nupkg, made by
             Publish-PSResource into out/packages registered for the call as a local repository.
    Mutation: Stryker.NET (dotnet-stryker, the local tool) over the engine with the unit tests (tests/QlikLicense.Tests),
             one run per -Mutate scope, HTML and JSON reports under out/mutation/<scope>. On demand, not part of Test or CI.
.EXAMPLE
    dotnet tool restore; dotnet pwsh -NoProfile -File build.ps1 -Task Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Docs', 'Package', 'Mutation')]
    [string[]] $Task = 'Build',

    # Mutation: the engine's areas to mutate (one Stryker run each, report under out/mutation/<area>), or globs of
    # files inside src/QlikLicense.Engine, several in one run separated by ';' ('Logs/DenialLayout.cs;Logs/LogFileReader.cs').
    [string[]] $Mutate = @('Maintenance', 'Logs', 'Qrs', 'Cloud', 'Rules'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

$ErrorActionPreference = 'Stop'
$root = $PSScriptRoot
$solution = Join-Path $root 'QlikLicense.sln'
$moduleFolder = Join-Path $root 'out/QlikLicense'

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

# The tests dotnet test skipped, with their reasons, from the TRX files its logger wrote into $Folder.
function Get-SkippedXunitTest {
    param([string] $Folder)
    foreach ($file in Get-ChildItem -Path $Folder -Filter *.trx -ErrorAction SilentlyContinue) {
        $trx = [xml](Get-Content -Raw $file.FullName)
        foreach ($result in $trx.TestRun.Results.UnitTestResult | Where-Object outcome -EQ 'NotExecuted') {
            $reason = @($result.Output.ErrorInfo.Message, $result.Output.StdOut) | Where-Object { $_ } | Select-Object -First 1
            [pscustomobject]@{ Test = $result.testName; Reason = "$reason".Trim() }
        }
    }
}

# Nothing is skipped silently: each skipped test is named with its reason after both suites.
function Write-SkippedSummary {
    param([object[]] $Xunit, [object[]] $Pester)
    $skipped = @($Xunit) + @($Pester | ForEach-Object { [pscustomobject]@{ Test = $_.ExpandedPath; Reason = 'Pester: ' + $(if ($_.ErrorRecord) { $_.ErrorRecord[0] } else { 'marked -Skip on this platform' }) } })
    if ($skipped.Count -eq 0) {
        Write-Host 'Skipped tests: none.'
        return
    }
    Write-Host "Skipped tests: $($skipped.Count), each with why:" -ForegroundColor Yellow
    foreach ($test in $skipped) { Write-Host "  $($test.Test)`n      $($test.Reason)" -ForegroundColor Yellow }
}

function Invoke-TestTask {
    $results = Join-Path $root 'out/test-results'
    Remove-Item -Recurse -Force $results -ErrorAction SilentlyContinue
    # Every simulator of the run (xUnit's in-process ones, Pester's processes) keeps the requests it served here; the
    # contract tests hold the module's requests against Qlik's API descriptions after everything else ran.
    $trail = Join-Path $root 'out/request-trail'
    Remove-Item $trail -Recurse -Force -ErrorAction SilentlyContinue
    $env:QLIKLICENSE_REQUEST_TRAIL = $trail
    # Both suites run even when the first fails, so the summary counts every test.
    & dotnet test $solution -c $Configuration --no-build --filter 'Category!=RequestTrail' --results-directory $results --logger 'trx;LogFilePrefix=xunit'
    $xunitExitCode = $LASTEXITCODE
    Import-Module (Get-RestoredPesterManifest) -Force
    $pesterConfiguration = New-PesterConfiguration
    $pesterConfiguration.Run.Container = New-PesterContainer -Path (Join-Path $root 'tests/Pester/*.Tests.ps1') -Data @{ Configuration = $Configuration }
    $pesterConfiguration.Run.PassThru = $true
    $pesterConfiguration.Output.Verbosity = 'Normal'
    $result = Invoke-Pester -Configuration $pesterConfiguration
    & dotnet test (Join-Path $root 'tests/QlikLicense.Contract.Tests') -c $Configuration --no-build --filter 'Category=RequestTrail' --results-directory $results --logger 'trx;LogFilePrefix=contract'
    $contractExitCode = $LASTEXITCODE
    Write-SkippedSummary -Xunit @(Get-SkippedXunitTest $results) -Pester @($result.Skipped)
    if ($xunitExitCode -ne 0) { throw "dotnet test failed with exit code $xunitExitCode." }
    if ($contractExitCode -ne 0) { throw "The contract tests (every request held against Qlik's API descriptions) failed with exit code $contractExitCode." }
    if ($result.Result -ne 'Passed') { throw "Pester: $($result.FailedCount) test(s) failed, $($result.FailedContainersCount) container(s) failed." }
}

# The files each area's run mutates: the issue's areas, scoped to what the unit tests can reach (the QRS and tenant
# transports are tried over HTTPS by the hosted-engine tests, which a mutation tool cannot run).
$mutationScopes = @{
    Maintenance = @('Maintenance/**/*.cs')
    Logs        = @('Logs/**/*.cs')
    Qrs         = @('Qrs/QrsFilter.cs', 'Qrs/QrsPaths.cs', 'Qrs/QrsSite.cs', 'Qrs/QrsBatches.cs')
    Cloud       = @('Cloud/CloudBatchActions.cs', 'Cloud/CloudPaths.cs', 'Cloud/CloudSite.cs')
    Rules       = @('Rules/LicenseRuleText.cs')
}

function Invoke-MutationTask {
    $engine = Join-Path $root 'src/QlikLicense.Engine'
    foreach ($scope in $Mutate) {
        # @(): one glob stays a list (an if statement unrolls a list of one into its only item).
        $globs = @(if ($mutationScopes.ContainsKey($scope)) { $mutationScopes[$scope] } else { $scope -split ';' })
        # A run of globs is named after its files, or the folders of a glob whose file name is a wildcard
        # ('Maintenance/Release/**/*.cs;Maintenance/Grant/**/*.cs': MaintenanceRelease-MaintenanceGrant).
        $name = if ($mutationScopes.ContainsKey($scope)) { $scope } else {
            (($globs | ForEach-Object {
                $leaf = [IO.Path]::GetFileNameWithoutExtension($_)
                if ($leaf -match '[*?]') { (($_ -split '/') | Where-Object { $_ -notmatch '[*?]' }) -join '' } else { $leaf }
            }) -join '-') -replace '[^A-Za-z0-9-]+', '' }
        $output = Join-Path $root "out/mutation/$name"
        $arguments = @(
            'dotnet-stryker', '--project', 'QlikLicense.Engine.csproj',
            '--test-project', (Join-Path $root 'tests/QlikLicense.Tests/QlikLicense.Tests.csproj'),
            '--configuration', $Configuration, '--concurrency', [Environment]::ProcessorCount,
            '--reporter', 'html', '--reporter', 'json', '--reporter', 'progress', '--reporter', 'cleartext',
            '--output', $output, '--skip-version-check')
        foreach ($glob in $globs) { $arguments += @('--mutate', "**/$glob") }
        # The year-of-months soak covers nearly all of Maintenance and takes a minute: run for each mutant, it would
        # take hours. Its own break is in docs/testing.md. Otherwise the unit tests of the area's own folder
        # (tests/QlikLicense.Tests/<Area>): Stryker runs every selected test twice before the first mutant, so leaving
        # out the other areas' tests saves most of a scoped run's time. Nor the Logs tests that scan thousands of
        # generated files or a very large one (the FsCheck properties, the 100 MB heap measurement, the 150,000-line race
        # of copies): each covers nearly every Logs mutant, and together they took 30 s a mutant, hours a run; the
        # example tests of the same code are run instead, and these run in Test (docs/testing.md, the Logs subsection).
        # Likewise the journal's damage properties (300 generated journals) and its two writer races (1,800 lines, each
        # flushed to disk): 40 s of Maintenance's 80, run for each journal mutant that every journaled test covers.
        # Globs that each name a folder of one area whose tests have a folder of the same name
        # ('Maintenance/Release/**/*.cs;Maintenance/Grant/**/*.cs') select those folders' tests only: the rest of the
        # area's tests (the routine's, the journal's, on the simulated site) would double the run and kill none of them.
        $slowTests = @('YearOfMonthsSoakTests', 'LargeLogFileTests', 'LogReaderFuzzTests', 'LogReaderReferenceTests', 'DenialMergePropertyTests',
            'Copies_are_dropped_in_the_order_the_files_are_given',
            'JournalDamagePropertyTests', 'Two_writers_with_their_own_file_handles', 'Threads_sharing_one_writer')
        $filter = ($slowTests | ForEach-Object { "FullyQualifiedName!~$_" }) -join '&'
        $area = ($globs[0] -split '/')[0]
        # Maintenance's decisions and routine alone are also tested from the area's own folder (findings, history,
        # trends): their run takes the area's tests but those of its other parts (below), not their folders' only.
        $decisionsAndRoutine = @($globs | Where-Object { $_ -notmatch '^Maintenance/(Decisions|Routine)/' }).Count -eq 0
        if (@($globs | Where-Object { ($_ -split '/')[0] -ne $area }).Count -eq 0 -and (Test-Path (Join-Path $root "tests/QlikLicense.Tests/$area"))) {
            $folders = @($globs | ForEach-Object {
                $parts = $_ -split '/'
                if ($parts.Count -gt 2 -and $parts[1] -notmatch '[*?]' -and (Test-Path (Join-Path $root "tests/QlikLicense.Tests/$area/$($parts[1])"))) { "$area.$($parts[1])" }
            })
            $filter += if ($folders.Count -eq $globs.Count -and -not $decisionsAndRoutine) { '&(' + (($folders | ForEach-Object { "FullyQualifiedName~QlikLicense.Tests.$_." }) -join '|') + ')' }
                       else { "&FullyQualifiedName~QlikLicense.Tests.$area." }
        }
        # Maintenance's decisions and routine alone: the tests of its other parts (the journal's property, writer and
        # reading tests, Grant, Release, Undo) cover none of their code, but would run for each mutant of a static field.
        if ($decisionsAndRoutine) {
            foreach ($other in 'Grant.', 'Release.', 'Undo.', 'JournalDamagePropertyTests.', 'JournalOperationsTests.', 'LicenseJournalTests.', 'LicenseJournalWriterTests.') {
                $filter += "&FullyQualifiedName!~QlikLicense.Tests.Maintenance.$other"
            }
        }
        $arguments += @('--test-case-filter', $filter)
        $started = [Diagnostics.Stopwatch]::StartNew()
        Push-Location $engine
        try { Invoke-DotNet @arguments }
        finally { Pop-Location }
        Write-Host ("Mutation {0}: {1:mm\:ss}, reports in {2}" -f $name, $started.Elapsed, (Join-Path $output 'reports'))
    }
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
    # Read as PowerShell reads a manifest: its RootModule is a statement, which Import-PowerShellDataFile refuses.
    $version = (Test-ModuleManifest (Join-Path $moduleFolder 'QlikLicense.psd1') -ErrorAction Stop).Version
    $package = Join-Path $packageFolder "QlikLicense.$version.nupkg"
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
        'Mutation' { Invoke-MutationTask }
    }
}
