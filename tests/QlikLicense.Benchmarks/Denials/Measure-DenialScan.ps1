<#
.SYNOPSIS
    Get-QlikLicenseDenial against grep over the same logs, inside one running pwsh: what an administrator waits for.

.DESCRIPTION
    Imports the module, warms it (and the page cache) with one scan and one grep, then times pairs of
    Measure-Command { Get-QlikLicenseDenial -Path <folder> } and Measure-Command { grep -c 'License user access' -r <folder> },
    alternating which of the two goes first. Prints each pair, its ratio (scan / grep), the median and spread of the
    ratios, and the load average before and after. Run through the benchmark program, which generates the logs:
        dotnet run -c Release --project tests/QlikLicense.Benchmarks -- denials-pwsh --size 1GB
    or on a folder of your own:
        dotnet pwsh -NoProfile -File tests/QlikLicense.Benchmarks/Denials/Measure-DenialScan.ps1 -Path <folder>
#>
param(
    [Parameter(Mandatory)]
    [string] $Path,

    [ValidateRange(1, 100)]
    [int] $Pairs = 5,

    [string] $ModulePath = (Join-Path $PSScriptRoot '../../../out/QlikLicense/QlikLicense.psd1')
)

$ErrorActionPreference = 'Stop'
$grep = (Get-Command grep -CommandType Application | Select-Object -First 1).Source

# CPU time, in seconds: this pwsh's own (the scan's threads, its garbage collector and JIT) and that of its waited-for
# children (grep), from /proc/self/stat (utime+stime, cutime+cstime, in clock ticks of 1/100 s on Linux).
function Get-CpuSeconds {
    if (-not (Test-Path /proc/self/stat)) { return [pscustomobject]@{ Self = [double]::NaN; Children = [double]::NaN } }
    $fields = ((Get-Content /proc/self/stat -Raw) -replace '^.*\) ', '') -split ' '
    # After "pid (comm) ", field 3 (state) is index 0: utime, stime, cutime, cstime are fields 14-17.
    [pscustomobject]@{
        Self     = ([double]$fields[11] + [double]$fields[12]) / 100
        Children = ([double]$fields[13] + [double]$fields[14]) / 100
    }
}

function Get-LoadAverage {
    if (Test-Path /proc/loadavg) { ((Get-Content /proc/loadavg) -split ' ')[0..2] -join ', ' } else { 'n/a' }
}

Import-Module $ModulePath
$module = Get-Module QlikLicense
$bytes = (Get-ChildItem -LiteralPath $Path -Recurse -File | Measure-Object -Property Length -Sum).Sum
Write-Output ("pwsh {0} on .NET {1}; module {2} from {3}" -f $PSVersionTable.PSVersion, [Environment]::Version, $module.Version, (Split-Path $module.Path))
Write-Output ("Logs: {0}, {1:N1} MB; load average before (1, 5, 15 min): {2}" -f $Path, ($bytes / 1MB), (Get-LoadAverage))

# Warm-up: compiles the scan and puts every file in the page cache; also what the timed runs must find again.
$denials = @(Get-QlikLicenseDenial -Path $Path)
$grepCount = (& $grep -c 'License user access' -r $Path | ForEach-Object { [long]($_ -split ':')[-1] } | Measure-Object -Sum).Sum
Write-Output ("Warm-up: {0} denied users; grep counted {1} lines" -f $denials.Count, $grepCount)

$rows = foreach ($pair in 1..$Pairs) {
    $scanFirst = $pair % 2 -eq 1
    $scan = $null; $grepTime = $null
    foreach ($turn in 1..2) {
        $before = Get-CpuSeconds
        if (($turn -eq 1) -eq $scanFirst) {
            $pausesBefore = [GC]::GetTotalPauseDuration(); $allocatedBefore = [GC]::GetTotalAllocatedBytes($false)
            $scan = Measure-Command { Get-QlikLicenseDenial -Path $Path }
            $scanCpu = (Get-CpuSeconds).Self - $before.Self
            $scanPauses = [GC]::GetTotalPauseDuration() - $pausesBefore; $scanAllocated = [GC]::GetTotalAllocatedBytes($false) - $allocatedBefore
        }
        else {
            $grepTime = Measure-Command { & $grep -c 'License user access' -r $Path }
            $grepCpu = (Get-CpuSeconds).Children - $before.Children
        }
    }
    [pscustomobject]@{
        Pair    = $pair
        First   = if ($scanFirst) { 'scan' } else { 'grep' }
        ScanS   = [math]::Round($scan.TotalSeconds, 3)
        GrepS   = [math]::Round($grepTime.TotalSeconds, 3)
        Ratio   = [math]::Round($scan.TotalSeconds / $grepTime.TotalSeconds, 3)
        ScanGBs = [math]::Round($bytes / 1GB / $scan.TotalSeconds, 2)
        ScanCpuS = [math]::Round($scanCpu, 2)
        GrepCpuS = [math]::Round($grepCpu, 2)
        CpuRatio = if ($grepCpu -gt 0) { [math]::Round($scanCpu / $grepCpu, 3) } else { [double]::NaN }
        # The garbage collector's pauses during the scan and what the process allocated meanwhile (pwsh's own work included).
        ScanGcMs = [math]::Round($scanPauses.TotalMilliseconds)
        ScanMB   = [math]::Round($scanAllocated / 1MB, 1)
    }
}

$rows | Format-Table -AutoSize | Out-String -Width 200 | Write-Output
function Get-Median([double[]] $sorted) {
    if ($sorted.Count % 2) { $sorted[[int][math]::Floor($sorted.Count / 2)] } else { ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2 }
}
$ratios = @($rows.Ratio | Sort-Object)
$cpuRatios = @($rows.CpuRatio | Sort-Object)
Write-Output ("Scan / grep: median {0:0.00} ({1:0.00}-{2:0.00}) over {3} alternating pairs; load average after: {4}" -f (Get-Median $ratios), $ratios[0], $ratios[-1], $ratios.Count, (Get-LoadAverage))
Write-Output ("Scan / grep CPU time: median {0:0.00} ({1:0.00}-{2:0.00})" -f (Get-Median $cpuRatios), $cpuRatios[0], $cpuRatios[-1])
$pauses = @($rows.ScanGcMs | Sort-Object)
Write-Output ("Collection pauses per scan: median {0:0} ms ({1:0}-{2:0}); allocated per scan: median {3:0.0} MB" -f (Get-Median $pauses), $pauses[0], $pauses[-1], (Get-Median @($rows.ScanMB | Sort-Object)))
# The issue's own measure is five pairs after one warm-up scan; the first scans of a pwsh are the slowest (the runtime
# still recompiles hot code), so with more pairs the first five are told apart from the rest.
if ($rows.Count -gt 5) {
    $firstFive = @($rows | Select-Object -First 5 | ForEach-Object Ratio | Sort-Object)
    $rest = @($rows | Select-Object -Skip 5 | ForEach-Object Ratio | Sort-Object)
    Write-Output ("Scan / grep: median {0:0.00} over the first five pairs, {1:0.00} over the other {2}" -f (Get-Median $firstFive), (Get-Median $rest), $rest.Count)
}
