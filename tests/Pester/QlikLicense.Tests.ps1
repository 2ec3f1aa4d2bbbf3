#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# How administrators use the module from a real shell, as a specification: real pwsh, the built module from
# out/QlikLicense, and the simulated site (tests/QlikLicense.Simulator) started as its own process. Run it with
#   dotnet tool restore; dotnet pwsh -NoProfile -File build.ps1 -Task Test
# Describe blocks that change the site start a site of their own, so each block's expectations hold in any order.
param(
    # The configuration the solution was built with (build.ps1 passes its own), for the package test's build step.
    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Release'
)

BeforeDiscovery {
    . (Join-Path $PSScriptRoot 'ModuleManifest.ps1')
    $manifestCmdlets = (Read-ModuleManifestData (Join-Path $PSScriptRoot '../../QlikLicense.psd1')).CmdletsToExport
}

BeforeAll {
    . (Join-Path $PSScriptRoot 'SimulatedSite.ps1')
    . (Join-Path $PSScriptRoot 'ModuleManifest.ps1')
    $root = (Resolve-Path (Join-Path $PSScriptRoot '../..')).Path
    $sourceManifest = Read-ModuleManifestData (Join-Path $root 'QlikLicense.psd1')
    $logFolder = Join-Path $root 'docs/examples/logs'
    $site = Start-SimulatedSite -Root $root
    . $site.ConnectScript
}

AfterAll {
    Disconnect-QlikSense -ErrorAction SilentlyContinue
    Stop-SimulatedSite $site
}

Describe 'The module' {
    It 'exports exactly the cmdlets its manifest lists' {
        $exported = (Get-Command -Module QlikLicense).Name | Sort-Object
        $exported | Should -Be ($sourceManifest.CmdletsToExport | Sort-Object)
    }

    It 'has help with a synopsis and two examples for <_>' -ForEach $manifestCmdlets {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "$_ *"
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }

    It 'has a manifest that Test-ModuleManifest accepts in the built module folder' {
        $tested = Test-ModuleManifest $site.Manifest -ErrorAction Stop
        $tested.RootModule | Should -Be 'Core/QlikLicense.dll'
        $tested.Version | Should -Be $sourceManifest.ModuleVersion
        $tested.ExportedCmdlets.Count | Should -Be $sourceManifest.CmdletsToExport.Count
    }

    It 'is gallery-ready: tags, project and license addresses, and release notes taken from CHANGELOG.md' {
        $psData = $sourceManifest.PrivateData.PSData
        $psData.Tags | Should -Contain 'Qlik'
        $psData.ProjectUri | Should -Match '^https://'
        $psData.LicenseUri | Should -Match '^https://'
        # The release notes are the CHANGELOG section of the manifest's version, or [Unreleased] before a release.
        $changelog = Get-Content -Raw (Join-Path $root 'CHANGELOG.md')
        $heading = if ($changelog -match "(?m)^## \[$([regex]::Escape($sourceManifest.ModuleVersion))\]") { [regex]::Escape($sourceManifest.ModuleVersion) } else { 'Unreleased' }
        $changelog -match "(?ms)^## \[$heading\][^\n]*\n(.*?)(?=^## \[|\z)" | Should -BeTrue
        $psData.ReleaseNotes.Trim() -replace '\r', '' | Should -Be ($Matches[1].Trim() -replace '\r', '')
    }
}

Describe 'Releasing the licenses of inactive users' {
    It 'previews with -WhatIf and changes nothing' {
        $before = @(Get-QlikLicenseAllocation).Count
        $candidates = @(Get-QlikInactiveLicensedUser -WarningAction SilentlyContinue)
        $candidates.Count | Should -BeGreaterThan 0
        $candidates | Remove-QlikLicenseAllocation -WhatIf
        @(Get-QlikLicenseAllocation).Count | Should -Be $before
    }

    It 'finds allocations of a user id with a quote' {
        (Get-QlikLicenseAllocation -UserDirectory 'CORP EU' -UserId "d'angelo").UserName | Should -Be "Marco D'Angelo"
    }
}

Describe 'Reviewing by CSV' {
    BeforeAll {
        $csvSite = Start-SimulatedSite -Root $root
        . $csvSite.ConnectScript
        $csvConnection = Get-QlikConnection
        $journal = Join-Path $TestDrive 'csv-journal.jsonl'
    }
    AfterAll {
        Disconnect-QlikSense -Connection $csvConnection -ErrorAction SilentlyContinue
        Stop-SimulatedSite $csvSite
        . $site.ConnectScript
    }

    It 'keeps groups and granting rules as lists on the objects' {
        $hquinn = Get-QlikInactiveLicensedUser -WarningAction SilentlyContinue | Where-Object UserId -EQ 'hquinn'
        @($hquinn.Groups) | Should -Be @('Sales')
        @($hquinn.GrantingRules) | Should -Be @('Sales analyzers')
        $hquinn.Groups.Count | Should -Be 1
    }

    It 'writes groups and granting rules as readable text, not System.String[]' {
        $csv = Get-QlikInactiveLicensedUser -WarningAction SilentlyContinue | ConvertTo-Csv
        ($csv -join "`n") | Should -Not -Match 'System\.'
        $rows = $csv | ConvertFrom-Csv
        ($rows | Where-Object UserId -EQ 'hquinn').GrantingRules | Should -Be 'Sales analyzers'
        ($rows | Where-Object UserId -EQ 'ckent').Groups | Should -Be 'Press'
    }

    It 'writes users'' groups and roles as text joined with "; "' {
        $rows = Get-QlikUser | ConvertTo-Csv | ConvertFrom-Csv
        ($rows | ConvertTo-Csv) -join "`n" | Should -Not -Match 'System\.'
        $rows | Where-Object { $_.Groups -like '*; *' } | Should -Not -BeNullOrEmpty
    }

    It 'releases exactly the rows left in the reviewed file' {
        $file = Join-Path $TestDrive 'inactive.csv'
        Get-QlikInactiveLicensedUser -WarningAction SilentlyContinue | Export-Csv $file
        # The reviewer keeps bwayne and ckent in the file; the others stay licensed.
        $kept = Import-Csv $file | Where-Object UserId -In 'bwayne', 'ckent'
        $kept | Export-Csv $file
        $results = Import-Csv $file | Remove-QlikLicenseAllocation -Confirm:$false -JournalPath $journal
        ($results.UserId | Sort-Object) | Should -Be @('bwayne', 'ckent')
        $results.Outcome | Should -Not -Contain 'Failed'
        (Get-QlikInactiveLicensedUser -WarningAction SilentlyContinue).UserId | Sort-Object | Should -Be @('françois.dupont', 'hquinn')
    }

    It 'takes a reviewed denials file into Add-QlikLicenseAllocation -WhatIf and changes nothing' {
        $file = Join-Path $TestDrive 'denials.csv'
        Get-QlikLicenseDenial -Path $logFolder | Export-Csv $file
        $before = @(Get-QlikLicenseAllocation).Count
        $transcript = Join-Path $TestDrive 'denials-transcript.txt'
        Start-Transcript $transcript | Out-Null
        Import-Csv $file | Where-Object UserKey | Add-QlikLicenseAllocation -Type Analyzer -WhatIf
        Stop-Transcript | Out-Null
        $whatIf = @(Select-String -Path $transcript -Pattern '^What if: Performing the operation "Allocate Analyzer access"')
        $whatIf.Count | Should -Be @(Import-Csv $file | Where-Object UserKey).Count
        @(Get-QlikLicenseAllocation).Count | Should -Be $before
    }

    It 'warns in that preview that a denied person who holds Professional would get a spare Analyzer seat' {
        $file = Join-Path $TestDrive 'denials.csv'
        Import-Csv $file | Where-Object UserKey | Add-QlikLicenseAllocation -Type Analyzer -WhatIf -WarningVariable spare 3>$null 6>$null
        @($spare).Count | Should -Be 1
        "$spare" | Should -Match '^CORP\\jdoe \(John Doe\) holds Professional access.*ProfessionalAndAnalyzer'
    }

    It 'writes the hosts and files of a denial as text joined with "; "' {
        $rows = Get-QlikLicenseDenial -Path $logFolder | ConvertTo-Csv | ConvertFrom-Csv
        ($rows | ConvertTo-Csv) -join "`n" | Should -Not -Match 'System\.|QlikLicense\.Model\.'
        $rows | Where-Object { $_.Files -like '*; *' } | Should -Not -BeNullOrEmpty
    }
}

Describe 'Preferences set in a script' {
    It 'honours $WhatIfPreference like a built-in cmdlet' {
        $before = @(Get-QlikLicenseAllocation).Count
        & {
            $WhatIfPreference = $true
            Get-QlikInactiveLicensedUser -WarningAction SilentlyContinue | Remove-QlikLicenseAllocation -Confirm:$false
        }
        @(Get-QlikLicenseAllocation).Count | Should -Be $before
    }

    It 'lets -WhatIf:$false override $WhatIfPreference, as built-in cmdlets do' {
        $file = Join-Path $TestDrive 'whatif-false.txt'
        & {
            $WhatIfPreference = $true
            'written' | Set-Content -Path $file -WhatIf:$false
        }
        Get-Content $file | Should -Be 'written'
    }

    It 'honours $ConfirmPreference: Low makes a medium-impact allocation ask, answered No through the console host' {
        $script = Join-Path $TestDrive 'confirm-preference.ps1'
        @'
param($ConnectScript)
. $ConnectScript
$ConfirmPreference = 'Low'
Add-QlikLicenseAllocation -Type Analyzer -UserDirectory CORP -UserId dprince
"allocations of dprince: $(@(Get-QlikLicenseAllocation -UserDirectory CORP -UserId dprince).Count)"
'@ | Set-Content $script
        $run = Invoke-ChildPwsh -ScriptPath $script -Arguments $site.ConnectScript -InputText "N`n"
        $run.TimedOut | Should -BeFalse
        $run.Output | Should -Match 'Performing the operation "Allocate Analyzer access" on target "CORP\\dprince'
        $run.Output | Should -Match 'allocations of dprince: 0'
    }
}

Describe 'Answering confirmation prompts through a real host' {
    BeforeAll {
        $promptSite = Start-SimulatedSite -Root $root
        $script = Join-Path $TestDrive 'prompts.ps1'
        @'
param($ConnectScript, $JournalPath)
. $ConnectScript
$results = Get-QlikInactiveLicensedUser -WarningAction SilentlyContinue | Sort-Object UserId | Remove-QlikLicenseAllocation -JournalPath $JournalPath
"released: $((@($results) | Where-Object Outcome -NE 'Failed' | ForEach-Object UserId | Sort-Object) -join ',')"
'@ | Set-Content $script
    }
    AfterAll { Stop-SimulatedSite $promptSite }

    It 'releases what was answered Y, skips N, and stops asking at L' {
        # Sorted: bwayne, ckent, françois.dupont, hquinn.
        $run = Invoke-ChildPwsh -ScriptPath $script -Arguments $promptSite.ConnectScript, (Join-Path $TestDrive 'yn.jsonl') -InputText "Y`nN`nL`n"
        $run.TimedOut | Should -BeFalse
        ([regex]::Matches($run.Output, 'Are you sure you want to perform this action\?')).Count | Should -Be 3
        $run.Output | Should -Match 'released: bwayne\s*$'
    }

    It 'releases the rest without asking again after A' {
        $run = Invoke-ChildPwsh -ScriptPath $script -Arguments $promptSite.ConnectScript, (Join-Path $TestDrive 'a.jsonl') -InputText "A`n"
        $run.TimedOut | Should -BeFalse
        ([regex]::Matches($run.Output, 'Are you sure you want to perform this action\?')).Count | Should -Be 1
        $run.Output | Should -Match 'released: ckent,françois.dupont,hquinn'
    }
}

Describe 'Errors in scripts' {
    It 'stops a script under $ErrorActionPreference = ''Stop'' with a catchable, typed error' {
        $caught = $null
        try {
            & {
                $ErrorActionPreference = 'Stop'
                Add-QlikLicenseAllocation -Type Analyzer -UserDirectory CORP -UserId nobody -WhatIf
                throw 'not reached'
            }
        }
        catch [System.Management.Automation.ItemNotFoundException] {
            $caught = $_
        }
        $caught.Exception.Message | Should -Match 'has no user CORP\\nobody'
    }

    It 'keeps the stable error id on the error a script catches' {
        $caught = $null
        try {
            & {
                $ErrorActionPreference = 'Stop'
                Add-QlikLicenseAllocation -Type Analyzer -UserDirectory CORP -UserId nobody -WhatIf
            }
        }
        catch {
            $caught = $_
        }
        $caught.FullyQualifiedErrorId | Should -BeLike 'UserNotFound,*'
        $caught.CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'goes on with the other items under Continue and collects each failure with -ErrorVariable' {
        $null = Add-QlikLicenseAllocation -Type Analyzer -UserDirectory CORP -UserId nobody1, dprince, nobody2 -WhatIf -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures.Count | Should -Be 2
        $failures.TargetObject | ForEach-Object { "$_" } | Should -Match 'nobody1|nobody2'
        $failures | ForEach-Object { $_.FullyQualifiedErrorId } | Should -BeLike 'UserNotFound,*'
    }
}

Describe 'A runbook run as Task Scheduler runs it (pwsh -NonInteractive -File)' {
    BeforeAll {
        $runbook = Join-Path $TestDrive 'runbook.ps1'
        @'
param($ConnectScript, [string] $UserId = 'dprince', [switch] $Release)
$ErrorActionPreference = 'Stop'
. $ConnectScript
Test-QlikLicenseMonitor | Out-Null
Get-QlikInactiveLicensedUser -WarningAction SilentlyContinue | Remove-QlikLicenseAllocation -WhatIf
Add-QlikLicenseAllocation -Type Analyzer -UserDirectory CORP -UserId $UserId -WhatIf
if ($Release) { Get-QlikInactiveLicensedUser -WarningAction SilentlyContinue | Remove-QlikLicenseAllocation }
'all steps held'
'@ | Set-Content $runbook
    }

    It 'exits 0 when every step held' {
        $run = Invoke-ChildPwsh -ScriptPath $runbook -Arguments $site.ConnectScript -NonInteractive
        $run.TimedOut | Should -BeFalse
        $run.Output | Should -Match 'all steps held'
        $run.ExitCode | Should -Be 0
    }

    It 'exits non-zero when a step failed, naming the failure' {
        $run = Invoke-ChildPwsh -ScriptPath $runbook -Arguments $site.ConnectScript, '-UserId', 'nobody' -NonInteractive
        $run.TimedOut | Should -BeFalse
        $run.ExitCode | Should -Not -Be 0
        $run.Errors | Should -Match 'no user CORP\\nobody'
        $run.Output | Should -Not -Match 'all steps held'
    }

    It 'fails clearly instead of waiting for an answer when a high-impact change lacks -Confirm:$false' {
        $before = @(Get-QlikLicenseAllocation).Count
        $run = Invoke-ChildPwsh -ScriptPath $runbook -Arguments $site.ConnectScript, '-Release' -NonInteractive -TimeoutSeconds 60
        $run.TimedOut | Should -BeFalse
        $run.ExitCode | Should -Not -Be 0
        $run.Errors | Should -Match 'NonInteractive'
        @(Get-QlikLicenseAllocation).Count | Should -Be $before
    }
}

Describe 'A runbook on several sites that turns the reports into an exit code' {
    BeforeAll {
        $otherSites = @(Start-SimulatedSite -Root $root; Start-SimulatedSite -Root $root)
        $runbook = Join-Path $TestDrive 'sites.ps1'
        # The help's one-liner ends the script; -StopAfterConnecting stops one site's process once it is connected.
        @'
param([string] $ConnectScripts, [string] $LogPath, [int] $StopAfterConnecting)
$connections = foreach ($script in $ConnectScripts -split ',') { . $script; Get-QlikConnection }
if ($StopAfterConnecting) { Stop-Process -Id $StopAfterConnecting; Wait-Process -Id $StopAfterConnecting }
$reports = Invoke-QlikLicenseMaintenance -Connection $connections -LogPath $LogPath -Since 2019-01-01 -PassThru -WarningAction SilentlyContinue -ErrorAction SilentlyContinue
$reports | ForEach-Object { "$($_.Site): $($_.Problems.Count) problem(s)" }
exit [int](@($reports | Where-Object { $_.Problems.Count }).Count -gt 0)
'@ | Set-Content $runbook
    }

    AfterAll {
        $otherSites | ForEach-Object { Stop-SimulatedSite $_ }
    }

    It 'exits 0 when every site completed' {
        $run = Invoke-ChildPwsh -ScriptPath $runbook -Arguments '-ConnectScripts', (($site.ConnectScript, $otherSites[0].ConnectScript) -join ','), '-LogPath', $logFolder -NonInteractive
        $run.TimedOut | Should -BeFalse
        @($run.Output -split "`n" | Where-Object { $_ -match ': 0 problem\(s\)' }).Count | Should -Be 2
        $run.ExitCode | Should -Be 0
    }

    It 'exits 1 when one of three sites stopped, and the other two still completed' {
        $scripts = ($site.ConnectScript, $otherSites[0].ConnectScript, $otherSites[1].ConnectScript) -join ','
        $run = Invoke-ChildPwsh -ScriptPath $runbook -Arguments '-ConnectScripts', $scripts, '-LogPath', $logFolder, '-StopAfterConnecting', $otherSites[1].Process.Id -NonInteractive
        $run.TimedOut | Should -BeFalse
        $run.Output | Should -Match ":$($otherSites[1].Port): [1-9]\d* problem\(s\)"
        @($run.Output -split "`n" | Where-Object { $_ -match ': 0 problem\(s\)' }).Count | Should -Be 2
        $run.ExitCode | Should -Be 1
    }

    It 'exits 1 when the log folder holds no Qlik Sense log: the report counts denials not looked for as a problem' {
        $emptyLogs = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'no-logs-yet')
        $run = Invoke-ChildPwsh -ScriptPath $runbook -Arguments '-ConnectScripts', $site.ConnectScript, '-LogPath', $emptyLogs.FullName -NonInteractive
        $run.TimedOut | Should -BeFalse
        $run.Output | Should -Match ':\d+: 1 problem\(s\)'
        $run.ExitCode | Should -Be 1
    }
}

Describe 'Reading denials from log folders' {
    It 'warns, rather than reporting nobody denied, when the folder or file holds no Qlik Sense log' {
        $empty = New-Item -ItemType Directory -Path (Join-Path $TestDrive 'empty-logs')
        $ErrorActionPreference = 'Stop'
        $denials = Get-QlikLicenseDenial -Path $empty.FullName -WarningVariable emptyWarning 3>$null
        $denials | Should -BeNullOrEmpty
        "$emptyWarning" | Should -BeLike "No Qlik Sense log was read: '$($empty.FullName)' holds no files.*"

        $script = Join-Path $root 'docs/examples/monthly-runbook.ps1'
        $null = Get-QlikLicenseDenial -Path $script -WarningVariable fileWarning 3>$null
        "$fileWarning" | Should -Match 'none of the 1 file\(s\) found at'

        $null = Get-QlikLicenseDenial -Path $logFolder -WarningVariable logsWarning 3>$null
        $logsWarning | Should -BeNullOrEmpty
    }
}

Describe 'A token site: reviewing user access passes by CSV, releasing them and taking them back' {
    BeforeAll {
        $tokenSite = Start-SimulatedSite -Root $root -LicenseModel Token
        . $tokenSite.ConnectScript
        $tokenConnection = Get-QlikConnection
        $journal = Join-Path $TestDrive 'token-journal.jsonl'
        function Get-PassState { Get-QlikLicenseAllocation -Type UserAccess | ForEach-Object { '{0}\{1}:{2}' -f $_.UserDirectory, $_.UserId, $_.Quarantined } | Sort-Object }
        $passesBefore = Get-PassState
    }
    AfterAll {
        Disconnect-QlikSense -Connection $tokenConnection -ErrorAction SilentlyContinue
        Stop-SimulatedSite $tokenSite
        . $site.ConnectScript
    }

    It 'says the site runs tokens, with the free tokens and what a pass costs' {
        $summary = Get-QlikLicenseSummary
        $summary.Type | Should -Be @('UserAccess', 'LoginAccess')
        ($summary | Select-Object -First 1).Model | Should -Be 'Token'
        ($summary | Select-Object -First 1).TokenCost | Should -Be 1
        ($summary.Available | Select-Object -Unique).Count | Should -Be 1
    }

    It 'finds the passes of inactive people without being told the type, and writes them to a CSV a reviewer can read' {
        $file = Join-Path $TestDrive 'passes.csv'
        Get-QlikInactiveLicensedUser -WarningAction SilentlyContinue | Export-Csv $file
        $rows = Import-Csv $file
        $rows.Type | Select-Object -Unique | Should -Be 'UserAccess'
        ($rows.UserId | Sort-Object) | Should -Be @('bwayne', 'ckent', 'françois.dupont', 'hquinn')
        (Get-Content -Raw $file) | Should -Not -Match 'System\.'
    }

    It 'releases exactly the passes left in the reviewed file, and quarantines the one used this week' {
        $file = Join-Path $TestDrive 'passes.csv'
        # The reviewer keeps bwayne and ckent in the file; the others keep their passes.
        $kept = Import-Csv $file | Where-Object UserId -In 'bwayne', 'ckent'
        $kept | Export-Csv $file
        $active = Join-Path $TestDrive 'active.csv'
        Get-QlikLicenseAllocation -Type UserAccess -UserDirectory CORP -UserId jdoe | Export-Csv $active
        $before = (Get-QlikLicenseSummary -Type UserAccess).Available

        $results = @(Import-Csv $file) + @(Import-Csv $active) | Remove-QlikLicenseAllocation -Confirm:$false -JournalPath $journal

        ($results | Where-Object UserId -In 'bwayne', 'ckent').Outcome | Should -Be @('Released', 'Released')
        $jdoe = $results | Where-Object UserId -EQ 'jdoe'
        $jdoe.Outcome | Should -Be 'Quarantined'
        $jdoe.QuarantineEnd | Should -BeGreaterThan ([datetime]::UtcNow)
        (Get-QlikLicenseSummary -Type UserAccess).Available | Should -Be ($before + 2)
        (Get-QlikLicenseJournal -Path $journal).Event | Select-Object -Unique | Should -Be 'Release'
    }

    It 'previews passes for everyone without one, and refuses those the free tokens do not cover with NoSeatAvailable' {
        $free = (Get-QlikLicenseSummary -Type UserAccess).Available
        $holders = (Get-QlikLicenseAllocation -Type UserAccess).UserKey
        $without = @(Get-QlikUser | Where-Object Id -NotIn $holders)
        $without.Count | Should -BeGreaterThan $free
        $state = Get-PassState

        $without | Add-QlikLicenseAllocation -Type UserAccess -WhatIf -ErrorVariable refused -ErrorAction SilentlyContinue

        $refused.Count | Should -Be ($without.Count - $free)
        $refused.FullyQualifiedErrorId | ForEach-Object { $_ | Should -Match '^NoSeatAvailable' }
        Get-PassState | Should -Be $state
    }

    It 'takes the releases back from the journal: the quarantined pass reinstated to its holder, the others allocated again' {
        $undone = Get-QlikLicenseJournal -Path $journal -Kind Release | Undo-QlikLicenseChange -Confirm:$false
        ($undone.Outcome | Sort-Object) | Should -Be @('Allocated', 'Allocated', 'Reinstated')
        Get-PassState | Should -Be $passesBefore
    }

    It 'reports the login access groups run dry, without a rule or unused' {
        $groups = Get-QlikLoginAccessGroup
        ($groups | Where-Object State -NE 'InUse').Name | Sort-Object | Should -Be @('Contractors', 'Old project', 'Pilot')
        Invoke-QlikLicenseMaintenance -LogPath $logFolder -HistoryPath (Join-Path $TestDrive 'token-history.jsonl') -WhatIf -WarningVariable warned -WarningAction SilentlyContinue | Out-Null
        @($warned | Where-Object { $_ -like 'Login access group*' }).Count | Should -Be 3
    }
}

Describe 'Releasing with about one request per allocation' {
    BeforeAll {
        $releaseSite = Start-SimulatedSite -Root $root
        . $releaseSite.ConnectScript
        $releaseConnection = Get-QlikConnection
        $journal = Join-Path $TestDrive 'release-journal.jsonl'
    }
    AfterAll {
        Disconnect-QlikSense -Connection $releaseConnection -ErrorAction SilentlyContinue
        Stop-SimulatedSite $releaseSite
        . $site.ConnectScript
    }

    It 'sends one DELETE per allocation and reads the outcomes back with one GET per access type, as -Verbose shows' {
        $candidates = @(Get-QlikInactiveLicensedUser -WarningAction SilentlyContinue)
        $candidates.Count | Should -BeGreaterThan 2
        $verbose = $candidates | Remove-QlikLicenseAllocation -Confirm:$false -JournalPath $journal -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message

        @($verbose -like 'DELETE *').Count | Should -Be $candidates.Count
        @($verbose -like 'GET *accesstype/full *').Count | Should -Be @($candidates.Type | Sort-Object -Unique).Count
        @($verbose -like 'GET *accesstype/????????-*').Count | Should -Be 0
        $lines = Get-Content $journal | ConvertFrom-Json
        @($lines | Where-Object event -eq 'Release').Count | Should -Be $candidates.Count
        @($lines | Where-Object event -eq 'Result').Count | Should -Be $candidates.Count
    }
}

Describe 'Taking changes back with the journal' {
    BeforeAll {
        $undoSite = Start-SimulatedSite -Root $root
        . $undoSite.ConnectScript
        $undoConnection = Get-QlikConnection
        $journal = Join-Path $TestDrive 'undo-journal.jsonl'
        function Get-AllocationState { Get-QlikLicenseAllocation | ForEach-Object { '{0}\{1}:{2}' -f $_.UserDirectory, $_.UserId, $_.Type } | Sort-Object }
        function Get-RuleState { Get-QlikLicenseRule | ForEach-Object { '{0}|{1}|{2}|{3}' -f $_.Name, $_.Rule, $_.Comment, $_.Disabled } | Sort-Object }
        $allocationsBefore = Get-AllocationState
        $rulesBefore = Get-RuleState
    }
    AfterAll {
        Disconnect-QlikSense -Connection $undoConnection -ErrorAction SilentlyContinue
        Stop-SimulatedSite $undoSite
        . $site.ConnectScript
    }

    It 'journals a release, an allocation, a rule created and a rule changed, each intent before its outcome' {
        Get-QlikInactiveLicensedUser -WarningAction SilentlyContinue | Where-Object UserId -In 'bwayne', 'ckent' |
            Remove-QlikLicenseAllocation -Confirm:$false -JournalPath $journal | Out-Null
        Add-QlikLicenseAllocation -Type Analyzer -UserDirectory CORP -UserId dprince -JournalPath $journal -Confirm:$false | Out-Null
        New-QlikLicenseRule -Name 'Trial analyzers' -Type Analyzer -Rule '((user.group="Trial"))' -JournalPath $journal -Confirm:$false | Out-Null
        Get-QlikLicenseRule -Name 'Trial analyzers' | Set-QlikLicenseRule -Comment 'Reviewed in December' -JournalPath $journal -Confirm:$false | Out-Null

        $kinds = (Get-QlikLicenseJournal -Path $journal).Event | Select-Object -Unique
        $kinds | Should -Contain 'Release'
        $kinds | Should -Contain 'Allocate'
        $kinds | Should -Contain 'RuleCreate'
        $kinds | Should -Contain 'RuleChange'
        (Get-AllocationState) | Should -Not -Be $allocationsBefore
        (Get-Content $journal | ConvertFrom-Json).format | Select-Object -Unique | Should -Be 2
    }

    It 'previews the undo with -WhatIf, one what-if line per change, and changes nothing' {
        $allocations = Get-AllocationState
        $transcript = Join-Path $TestDrive 'undo-whatif.txt'
        Start-Transcript -Path $transcript | Out-Null
        Get-QlikLicenseJournal -Path $journal | Undo-QlikLicenseChange -WhatIf
        Stop-Transcript | Out-Null
        @(Select-String -Path $transcript -Pattern '^What if:').Count | Should -Be 5
        Get-AllocationState | Should -Be $allocations
    }

    It 'filters the journal by kind, and takes back only that kind' {
        Get-QlikLicenseJournal -Path $journal -Kind RuleChange | Undo-QlikLicenseChange -Confirm:$false | Out-Null
        (Get-QlikLicenseRule -Name 'Trial analyzers').Comment | Should -BeNullOrEmpty
        Get-QlikLicenseRule -Name 'Trial analyzers' | Should -Not -BeNullOrEmpty
    }

    It 'undoes only the changes since a time when they are piped into the undo of their own journal' {
        $rules = Get-RuleState
        $cutoff = Get-Date
        Start-Sleep -Milliseconds 20
        Add-QlikLicenseAllocation -Type Analyzer -UserDirectory CORP -UserId wmaximoff -JournalPath $journal -Confirm:$false | Out-Null
        $lines = @(Get-Content $journal).Count

        $undone = Get-QlikLicenseJournal -Path $journal -Since $cutoff | Undo-QlikLicenseChange -JournalPath $journal -Confirm:$false

        $undone.Undone | Should -Be 'Allocate'
        $undone.Outcome | Should -BeIn 'Released', 'Quarantined'
        @(Get-Content $journal).Count | Should -Be ($lines + 2)
        Get-QlikLicenseRule -Name 'Trial analyzers' | Should -Not -BeNullOrEmpty
        Get-RuleState | Should -Be $rules
    }

    It 'stops before any change when what is piped in is not a journal record' {
        $allocations = Get-AllocationState
        $lines = @(Get-Content $journal).Count

        { Get-QlikLicenseAllocation | Undo-QlikLicenseChange -JournalPath $journal -Confirm:$false -ErrorAction Stop } |
            Should -Throw -ErrorId 'JournalRecordExpected,*'

        Get-AllocationState | Should -Be $allocations
        @(Get-Content $journal).Count | Should -Be $lines
    }

    It 'takes back everything else, newest first, while writing to the journal it reads, and puts the site as it was' {
        Get-QlikLicenseJournal -Path $journal | Undo-QlikLicenseChange -Confirm:$false | Out-Null
        Get-AllocationState | Should -Be $allocationsBefore
        Get-RuleState | Should -Be $rulesBefore
    }

    It 'takes back one change at a time: an allocation whose release was taken back gives up the seat given back' {
        $steps = Join-Path $TestDrive 'step-journal.jsonl'
        $before = Get-AllocationState
        Add-QlikLicenseAllocation -Type Analyzer -UserDirectory CORP -UserId wmaximoff -JournalPath $steps -Confirm:$false | Out-Null
        Get-QlikLicenseAllocation -UserId wmaximoff | Remove-QlikLicenseAllocation -JournalPath $steps -Confirm:$false | Out-Null
        Get-QlikLicenseJournal -Path $steps -Kind Release | Undo-QlikLicenseChange -Confirm:$false | Out-Null
        Get-AllocationState | Should -Contain 'CORP\wmaximoff:Analyzer'

        $undone = Get-QlikLicenseJournal -Path $steps -Kind Allocate | Undo-QlikLicenseChange -Confirm:$false
        $undone.Outcome | Should -Be 'Released'
        Get-AllocationState | Should -Be $before
    }

    It 'in a runbook run with -NonInteractive, warns where the default journal is and writes it under QLIKLICENSE_DATA' {
        $data = Join-Path $TestDrive 'machine-data'
        $runbook = Join-Path $TestDrive 'journal-runbook.ps1'
        @'
param($ConnectScript, $ReportPath, $LogPath)
$ErrorActionPreference = 'Stop'
. $ConnectScript
Invoke-QlikLicenseMaintenance -LogPath $LogPath -ReportPath $ReportPath -WhatIf -WarningVariable warned -WarningAction SilentlyContinue | Out-Null
$warned | Where-Object { $_ -like 'Changes are journaled in*' } | ForEach-Object { "warning: $_" }
'@ | Set-Content $runbook
        $report = Join-Path $TestDrive 'journal-report.html'
        $run = Invoke-ChildPwsh -ScriptPath $runbook -Arguments $undoSite.ConnectScript, $report, $logFolder -NonInteractive -TimeoutSeconds 120 -Environment @{ QLIKLICENSE_DATA = $data }
        $run.TimedOut | Should -BeFalse
        $run.ExitCode | Should -Be 0
        $expected = Join-Path $data 'Journal'
        $run.Output | Should -Match ('warning: Changes are journaled in ' + [regex]::Escape($expected))
        Get-Content -Raw $report | Should -Match ([regex]::Escape($expected))
    }
}

Describe 'Output people and other tools can read' {
    It 'converts <Name> to readable JSON' -ForEach @(
        @{ Name = 'QlikConnection'; Command = { Get-QlikConnection } }
        @{ Name = 'QlikUser'; Command = { Get-QlikUser -UserDirectory CORP -UserId ckent } }
        @{ Name = 'LicenseAllocation'; Command = { Get-QlikLicenseAllocation -Type Analyzer | Select-Object -First 1 } }
        @{ Name = 'InactiveLicensedUser'; Command = { Get-QlikInactiveLicensedUser -WarningAction SilentlyContinue | Select-Object -First 1 } }
        @{ Name = 'LicenseDenial'; Command = { Get-QlikLicenseDenial -Path $logFolder | Select-Object -First 1 } }
        @{ Name = 'LicenseSummary'; Command = { Get-QlikLicenseSummary } }
        @{ Name = 'LicenseRule'; Command = { Get-QlikLicenseRule | Select-Object -First 1 } }
        @{ Name = 'MatchedUser'; Command = { Test-QlikLicenseRule -Rule '((user.group="Sales"))' -Type Analyzer | Select-Object -First 1 } }
        @{ Name = 'LicenseMonitorStatus'; Command = { Test-QlikLicenseMonitor } }
        @{ Name = 'MaintenanceReport'; Command = { Invoke-QlikLicenseMaintenance -LogPath $logFolder -Since '2019-01-01' -WhatIf -PassThru -WarningAction SilentlyContinue } }
    ) {
        $item = & $Command
        $item | Should -Not -BeNullOrEmpty
        $json = $item | ConvertTo-Json -Depth 4 -EnumsAsStrings -WarningAction SilentlyContinue
        $json | Should -Not -Match 'System\.[A-Z][A-Za-z.]*\[\]|QlikLicense\.Model\.'
        $parsed = $json | ConvertFrom-Json
        @($parsed)[0].PSObject.Properties.Name | Should -Not -BeNullOrEmpty
    }

    It 'converts the AllocationChangeResult and JournalRecord of a release to readable JSON' {
        $releaseSite = Start-SimulatedSite -Root $root
        try {
            $connectionBefore = Get-QlikConnection
            . $releaseSite.ConnectScript
            $journal = Join-Path $TestDrive 'json-journal.jsonl'
            $result = Get-QlikInactiveLicensedUser -WarningAction SilentlyContinue | Select-Object -First 1 | Remove-QlikLicenseAllocation -Confirm:$false -JournalPath $journal
            ($result | ConvertTo-Json -EnumsAsStrings -WarningAction SilentlyContinue | ConvertFrom-Json).Outcome | Should -Be $result.Outcome.ToString()
            $record = Get-QlikLicenseJournal -Path $journal | Select-Object -First 1
            $record | ConvertTo-Json -EnumsAsStrings -WarningAction SilentlyContinue | Should -Not -Match 'QlikLicense\.Model\.'
            Disconnect-QlikSense
        }
        finally {
            Stop-SimulatedSite $releaseSite
            . $site.ConnectScript
        }
    }

    It 'writes enums as numbers without -EnumsAsStrings and as names with it (as the about topic says)' {
        $item = Get-QlikLicenseAllocation -Type Analyzer | Select-Object -First 1
        ($item | ConvertTo-Json -Depth 1 -WarningAction SilentlyContinue | ConvertFrom-Json).Type | Should -Be 1
        ($item | ConvertTo-Json -Depth 1 -EnumsAsStrings -WarningAction SilentlyContinue | ConvertFrom-Json).Type | Should -Be 'Analyzer'
        Get-Content -Raw (Join-Path $root 'docs/en-US/about_QlikLicense.md') | Should -Match 'EnumsAsStrings'
    }

    It 'writes the HTML report with a UTF-8 byte order mark, which Windows PowerShell 5.1''s Get-Content needs' {
        $report = Join-Path $TestDrive 'report.html'
        $null = Invoke-QlikLicenseMaintenance -LogPath $logFolder -Since '2019-01-01' -ReportPath $report -WhatIf -WarningAction SilentlyContinue
        $bytes = [IO.File]::ReadAllBytes($report)
        $bytes[0..2] | Should -Be @(0xEF, 0xBB, 0xBF)
        # The mark tells Get-Content the encoding and is not part of the text it reads.
        Get-Content -Raw $report | Should -BeLike '<!DOCTYPE html>*'
    }

    It 'lets Start-Transcript capture what-if lines and warnings' {
        $transcript = Join-Path $TestDrive 'transcript.txt'
        Start-Transcript $transcript | Out-Null
        Get-QlikInactiveLicensedUser | Remove-QlikLicenseAllocation -WhatIf
        Stop-Transcript | Out-Null
        $text = Get-Content -Raw $transcript
        $text | Should -Match 'What if: Performing the operation "Release license allocation" on target "Professional access of CORP\\bwayne'
        $text | Should -Match "WARNING: CORP\\hquinn: the enabled license rule 'Sales analyzers'"
    }
}

Describe 'Loading and unloading the module' {
    AfterAll { . $site.ConnectScript }

    It 'imports with -Force twice and still works' {
        Import-Module $site.Manifest -Force
        Import-Module $site.Manifest -Force
        @(Get-Module QlikLicense).Count | Should -Be 1
        . $site.ConnectScript
        (Get-QlikLicenseSummary | Measure-Object).Count | Should -BeGreaterThan 0
    }

    It 'imports the PowerShell 7 build from the module''s Core folder, and Remove-Module removes it too' {
        (Get-Command Get-QlikUser).ImplementingType.Assembly.Location | Should -Be (Join-Path (Split-Path $site.Manifest) 'Core/QlikLicense.dll')
        Remove-Module QlikLicense
        Get-Module -All QlikLicense | Should -BeNullOrEmpty
        Import-Module $site.Manifest
        . $site.ConnectScript
    }

    It 'removes with Remove-Module and imports again' {
        Remove-Module QlikLicense
        Get-Command Get-QlikLicenseSummary -ErrorAction SilentlyContinue | Should -BeNullOrEmpty
        Import-Module $site.Manifest
        Get-Command Get-QlikLicenseSummary | Should -Not -BeNullOrEmpty
    }
}

Describe 'Connections across runspaces' {
    # Decision (about_QlikLicense): the default connection belongs to the runspace that made it; another runspace
    # uses a connection only when given one with -Connection. A connection object is safe to share between threads.
    BeforeAll { $manifest = $site.Manifest }
    It 'does not hand the default connection to a thread job' {
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:manifest
            try { Get-QlikLicenseSummary -ErrorAction Stop; 'no error' } catch { $_.FullyQualifiedErrorId }
        }
        ($job | Wait-Job -Timeout 60 | Receive-Job) | Should -BeLike 'NotConnected*'
        $job | Remove-Job -Force
    }

    It 'works in a thread job given the connection with -Connection' {
        $connection = Get-QlikConnection
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:manifest
            (Get-QlikLicenseAllocation -Type Analyzer -Connection $using:connection | Measure-Object).Count
        }
        ($job | Wait-Job -Timeout 60 | Receive-Job) | Should -Be @(Get-QlikLicenseAllocation -Type Analyzer).Count
        $job | Remove-Job -Force
    }

    It 'works in ForEach-Object -Parallel given the connection with -Connection' {
        $connection = Get-QlikConnection
        $counts = 'Professional', 'Analyzer' | ForEach-Object -ThrottleLimit 2 -Parallel {
            Import-Module $using:manifest
            "$_ $(@(Get-QlikLicenseAllocation -Type $_ -Connection $using:connection).Count)"
        }
        # The runspaces finish in either order.
        ($counts | Sort-Object) | Should -Be @("Analyzer $(@(Get-QlikLicenseAllocation -Type Analyzer).Count)", "Professional $(@(Get-QlikLicenseAllocation -Type Professional).Count)")
    }
}

Describe 'Tab completion through TabExpansion2' {
    BeforeAll {
        function Get-Completion([string] $InputScript) {
            (TabExpansion2 -inputScript $InputScript -cursorColumn $InputScript.Length).CompletionMatches.CompletionText
        }
    }

    It 'completes access types' {
        Get-Completion 'Get-QlikLicenseAllocation -Type A' | Should -Be 'Analyzer'
    }

    It 'completes user directories of the connected site, quoting names with spaces' {
        Get-Completion 'Get-QlikUser -UserDirectory CO' | Should -Be @('CORP', "'CORP EU'")
    }

    It 'completes license rule names' {
        Get-Completion 'Get-QlikLicenseRule -Name Sal' | Should -Be "'Sales analyzers'"
    }
}

Describe 'Installing the package as PowerShell users do' {
    BeforeAll {
        # The configuration this run was built with, so the package task's build finds everything current.
        & (Join-Path $root 'build.ps1') -Task Package -Configuration $Configuration 6>$null
        $package = Join-Path $root "out/packages/QlikLicense.$($sourceManifest.ModuleVersion).nupkg"
        $script = Join-Path $TestDrive 'install.ps1'
        @'
param($PackageFolder, $LogFolder)
$ErrorActionPreference = 'Stop'
Register-PSResourceRepository -Name QlikLicenseLocal -Uri $PackageFolder -Trusted
Install-PSResource QlikLicense -Repository QlikLicenseLocal -TrustRepository
Import-Module QlikLicense
"base: $((Get-Module QlikLicense).ModuleBase)"
"denied: $((Get-QlikLicenseDenial -Path $LogFolder | Measure-Object).Count)"
"help: $((Get-Help Remove-QlikLicenseAllocation).Synopsis)"
'@ | Set-Content $script
    }

    It 'makes a PowerShell Gallery package with ./build.ps1 -Task Package' {
        $package | Should -Exist
        $entries = [IO.Compression.ZipFile]::OpenRead($package)
        try {
            # The manifest and a build per PowerShell: Core for PowerShell 7, Desktop for Windows PowerShell 5.1.
            foreach ($entry in 'QlikLicense.psd1', 'Core/QlikLicense.dll', 'Core/QlikLicense.Engine.dll',
                'Desktop/QlikLicense.dll', 'Desktop/QlikLicense.Engine.dll', 'Desktop/Newtonsoft.Json.dll', 'Desktop/System.Numerics.Vectors.dll') {
                $entries.Entries.FullName | Should -Contain $entry
            }
        }
        finally { $entries.Dispose() }
    }

    # A private home folder gives the child an empty user module path and repository list, so the user's own stay
    # untouched; Windows keeps those under the Documents folder, which no environment variable moves.
    It 'installs with Install-PSResource into an empty module path, imports by name, runs a cmdlet and shows help' -Skip:$IsWindows {
        $data = Join-Path $TestDrive 'home'
        # .NET reports a special folder that does not exist yet as "", and PSResourceGet would then keep its store in the
        # current directory.
        $null = New-Item -ItemType Directory (Join-Path $data '.local/share')
        $run = Invoke-ChildPwsh -ScriptPath $script -Arguments (Split-Path $package), $logFolder -NonInteractive -TimeoutSeconds 120 `
            -Environment @{ HOME = $data; XDG_DATA_HOME = (Join-Path $data '.local/share'); PSModulePath = $null }
        $run.Errors | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Match ('base: ' + [regex]::Escape($data))
        $run.Output | Should -Match 'denied: [1-9]'
        $run.Output | Should -Match 'help: \S+'
    }
}

Describe 'The sandbox''s -Pwsh switch' {
    It 'opens pwsh with the module imported and connected, runs typed commands and says how to leave' {
        $sandbox = Get-ChildItem (Join-Path $root 'tests/QlikLicense.Sandbox/bin') -Recurse -Filter QlikLicense.Sandbox.dll |
            Sort-Object LastWriteTime -Descending | Select-Object -First 1
        $run = Invoke-ChildProcess -FilePath dotnet -Arguments $sandbox.FullName, '-Pwsh' -TimeoutSeconds 90 `
            -InputText "`"site: `$((Get-QlikConnection).Site)`"`n`"professional: `$((Get-QlikLicenseSummary | Where-Object Type -EQ Professional).Total)`"`nexit`n"
        $run.TimedOut | Should -BeFalse
        $run.ExitCode | Should -Be 0
        $run.Output | Should -Match 'Type exit to leave'
        $run.Output | Should -Match 'site: localhost:\d+'
        $run.Output | Should -Match 'professional: \d+'
    }
}

Describe 'A scheduled run of every site in a sites file (pwsh -NonInteractive -File)' {
    BeforeAll {
        $secondSite = Start-SimulatedSite -Root $root
        # A site that is gone: its certificates are still there, its port no longer answers.
        $goneSite = Start-SimulatedSite -Root $root
        $goneSite.Process.Kill()
        $null = $goneSite.Process.WaitForExit(10000)
        $tenantSite = Start-SimulatedTenant -Root $root
        function Format-SiteEntry([string] $Name, $Site, [string] $More = '') {
            "@{ Name = '$Name'; Server = 'localhost'; Port = $($Site.Port); CertificatePath = '$(Join-Path $Site.Folder 'client.pfx')'; " +
            "CertificatePasswordPath = '$($Site.PasswordFile)'; CaCertificatePath = '$(Join-Path $Site.Folder 'root.cer')'$More }"
        }
        function Invoke-SitesFileRun([string[]] $Entries) {
            $sitesFile = Join-Path $TestDrive 'sites.psd1'
            "@{`n    Sites = @(`n        $($Entries -join "`n        ")`n    )`n}" | Set-Content -Path $sitesFile -Encoding utf8
            Remove-Item (Join-Path $TestDrive 'run.html') -ErrorAction SilentlyContinue
            Invoke-ChildPwsh -ScriptPath $runbook -Arguments $site.Manifest, $sitesFile, $logFolder, (Join-Path $TestDrive 'run.html') -NonInteractive -TimeoutSeconds 240 `
                -Environment @{ QLIKLICENSE_DATA = (Join-Path $TestDrive 'data') }
        }
        # The script Task Scheduler runs, with the help's exit-code line.
        $runbook = Join-Path $TestDrive 'monthly.ps1'
        @'
param([string] $Manifest, [string] $SitesFile, [string] $LogPath, [string] $ReportPath)
Import-Module $Manifest
$reports = Invoke-QlikLicenseMaintenance -SitesFile $SitesFile -LogPath $LogPath -Since 2019-01-01 -ReportPath $ReportPath -PassThru
exit [int](@($reports | Where-Object { $_.Problems.Count }).Count -gt 0)
'@ | Set-Content -Path $runbook -Encoding utf8
    }

    AfterAll {
        Stop-SimulatedSite $secondSite
        Stop-SimulatedSite $goneSite
        Stop-SimulatedSite $tenantSite
    }

    It 'connects with each PFX and its Export-Clixml password file, and a tenant with its API key''s file, reports every site and tenant and ends with 0' {
        $tenantEntry = "@{ Name = 'Cloud EU'; Tenant = '$($tenantSite.Url)'; ApiKeyPath = '$($tenantSite.ApiKeyFile)'; CaCertificatePath = '$($tenantSite.CaCertificatePath)' }"
        $run = Invoke-SitesFileRun (Format-SiteEntry 'Production' $site), (Format-SiteEntry 'Test' $secondSite), $tenantEntry

        $run.TimedOut | Should -BeFalse
        $run.Errors | Should -BeNullOrEmpty
        $run.ExitCode | Should -Be 0
        $html = Get-Content -Raw (Join-Path $TestDrive 'run.html')
        $html | Should -Match "localhost:$($site.Port)"
        $html | Should -Match "localhost:$($secondSite.Port)"
        $html | Should -Match 'Tenant licence'
        $apiKey = (New-Object Net.NetworkCredential '', (Import-Clixml $tenantSite.ApiKeyFile)).Password
        $run.Output + $run.Errors + $html | Should -Not -Match ([regex]::Escape($apiKey))
    }

    It 'ends with 1 when a site is gone or a tenant''s key file is missing, after the other sites ran' {
        $noKeyFile = "@{ Name = 'Cloud EU'; Tenant = '$($tenantSite.Url)'; ApiKeyPath = 'eu-key.xml' }"
        $run = Invoke-SitesFileRun (Format-SiteEntry 'Production' $site), (Format-SiteEntry 'Gone' $goneSite ("; TimeoutSec = 5")), $noKeyFile, (Format-SiteEntry 'Test' $secondSite)

        $run.TimedOut | Should -BeFalse
        $run.ExitCode | Should -Be 1
        $run.Errors | Should -Match "Site 'Gone'"
        $run.Errors | Should -Match "Site 'Cloud EU': no file is at the path in 'ApiKeyPath'"
        $html = Get-Content -Raw (Join-Path $TestDrive 'run.html')
        $html | Should -Match "localhost:$($secondSite.Port)"
        $html | Should -Match '<td>Gone</td>'
        $html | Should -Match '<td>Cloud EU</td>'
    }

    It 'refuses a site whose entry holds a password, without showing it, and runs the others' {
        $secret = 'Sup3r-Secret-' + [guid]::NewGuid().ToString('N')
        $run = Invoke-SitesFileRun (Format-SiteEntry 'Production' $site), "@{ Name = 'Leaky'; Server = 'localhost'; Port = $($secondSite.Port); CertificatePassword = '$secret' }"

        $run.ExitCode | Should -Be 1
        $run.Errors | Should -Match "Site 'Leaky': 'CertificatePassword' looks like a secret"
        $run.Errors + $run.Output + (Get-Content -Raw (Join-Path $TestDrive 'run.html')) | Should -Not -Match $secret
        Get-Content -Raw (Join-Path $TestDrive 'run.html') | Should -Match "localhost:$($site.Port)"
    }
}

Describe 'A Qlik Cloud tenant with the same cmdlets' {
    BeforeAll {
        $simulatorDll = Get-ChildItem (Join-Path $root 'tests/QlikLicense.Simulator/bin') -Recurse -Filter QlikLicense.Simulator.dll |
            Sort-Object LastWriteTime -Descending | Select-Object -First 1
        $tenantFolder = Join-Path $TestDrive 'tenant'
        $start = New-Object Diagnostics.ProcessStartInfo 'dotnet', ('"{0}" --tenant --cert-dir "{1}"' -f $simulatorDll.FullName, $tenantFolder)
        $start.RedirectStandardOutput = $true
        $start.UseShellExecute = $false
        $tenantProcess = [Diagnostics.Process]::Start($start)
        $tenantUrl = $null; $caPath = $null; $apiKey = $null; $expectKey = $false
        while ($null -ne ($line = $tenantProcess.StandardOutput.ReadLine())) {
            if ($line -match '^Tenant:\s+(\S+)') { $tenantUrl = $Matches[1] }
            elseif ($line -match '^CA cert:\s+(.+)$') { $caPath = $Matches[1].Trim() }
            elseif ($line -like 'API key (shown once*') { $expectKey = $true }
            elseif ($expectKey) { $apiKey = $line.Trim(); $expectKey = $false }
            elseif ($line -like 'Press Ctrl+C*') { break }
        }
        if (-not $tenantUrl -or -not $apiKey) { $tenantProcess.Kill(); throw 'The simulated tenant did not start.' }
        $tenantKey = (New-Object Net.NetworkCredential '', $apiKey).SecurePassword
        $tenant = Connect-QlikCloud -Tenant $tenantUrl -ApiKey $tenantKey -CaCertificatePath $caPath -PassThru
        $journal = Join-Path $TestDrive 'tenant.jsonl'
    }

    AfterAll {
        if ($tenant) { Disconnect-QlikSense -Connection $tenant -ErrorAction SilentlyContinue }
        if ($tenantProcess -and -not $tenantProcess.HasExited) { $tenantProcess.Kill(); $null = $tenantProcess.WaitForExit(10000) }
        # The tenant took the session's default connection: give it back to the site the other blocks use.
        . $site.ConnectScript
    }

    It 'becomes the default connection and says it is a tenant' {
        (Get-QlikConnection).Kind | Should -Be 'QlikCloud'
        (Get-QlikConnection | Out-String) | Should -Match 'QlikCloud'
    }

    It 'exports every assignment over all pages to CSV with the users'' names' {
        $csv = Join-Path $TestDrive 'assignments.csv'
        Get-QlikLicenseAllocation | Select-Object Type, UserId, UserName, LastUsed | Export-Csv $csv -NoTypeInformation
        $rows = Import-Csv $csv
        $rows.Count | Should -BeGreaterThan 5
        ($rows | Where-Object UserName -EQ 'Jane Doe').Type | Should -Be 'Professional'
    }

    It 'previews the release of disabled users'' assignments with -WhatIf, then releases them with a journal' {
        @(Get-QlikInactiveLicensedUser | Remove-QlikLicenseAllocation -WhatIf).Count | Should -Be 0
        $candidates = @(Get-QlikInactiveLicensedUser)
        $candidates.Count | Should -BeGreaterThan 0
        $candidates[0].Description | Should -Not -BeLike '*access of \*'
        $released = Get-QlikInactiveLicensedUser | Remove-QlikLicenseAllocation -Confirm:$false -JournalPath $journal
        @($released).Count | Should -BeGreaterThan 0
        $released.Outcome | Sort-Object -Unique | Should -Be 'Released'
        @(Get-QlikInactiveLicensedUser).Count | Should -Be 0
        (Get-QlikLicenseJournal -Path $journal | Measure-Object).Count | Should -Be @($released).Count
    }

    It 'allocates users in add batch actions of -BatchSize, each with its own result and journal record' {
        $users = 'auth0|sara.lind', 'auth0|karen.white', 'auth0|yuki.tanaka' | ForEach-Object { Get-QlikUser -UserId $_ }
        $results = $users | Add-QlikLicenseAllocation -Type Analyzer -BatchSize 2 -Confirm:$false -JournalPath $journal
        @($results).Count | Should -Be 3
        $results.Outcome | Sort-Object -Unique | Should -Be 'Allocated'
        (Get-QlikLicenseJournal -Path $journal -Kind Allocate | Measure-Object).Count | Should -Be 3
        (Get-QlikLicenseAllocation -Type Analyzer).UserId | Should -Contain 'auth0|yuki.tanaka'
    }

    It 'says what it checked on a tenant, which has no License Monitor' {
        $health = Test-QlikLicenseMonitor
        $health.Checked | Should -BeLike 'Tenant licence*'
        "$health" | Should -Not -Match 'License Monitor'
    }

    It 'reads the users refused a licence from the audit events and their groups' {
        $denied = Get-QlikLicenseDenial | Where-Object UserId -EQ 'auth0|sara.lind'
        $denied.Groups | Should -Contain 'Analysts'
    }

    It 'answers NotSupportedOnQlikCloud for license rules' {
        { Get-QlikLicenseRule -ErrorAction Stop } | Should -Throw -ErrorId 'NotSupportedOnQlikCloud,*'
    }
}

Describe 'Keeping the trend of each site between runs (the maintenance history)' {
    BeforeAll {
        $otherSite = Start-SimulatedSite -Root $root
        $history = Join-Path $TestDrive 'history.jsonl'
        $runbook = Join-Path $TestDrive 'monthly.ps1'
        @'
param([string] $ConnectScript, [string] $HistoryPath, [string] $LogPath)
$ErrorActionPreference = 'Stop'
. $ConnectScript
foreach ($month in 1..3) { Invoke-QlikLicenseMaintenance -LogPath $LogPath -Since 2019-01-01 -HistoryPath $HistoryPath -WarningAction SilentlyContinue }
'recorded'
'@ | Set-Content $runbook
        # Two scheduled runs at once, as two processes: each with its own data folder, both naming one history.
        $jobs = foreach ($connect in $site.ConnectScript, $otherSite.ConnectScript) {
            Start-ThreadJob -ArgumentList (Join-Path $PSScriptRoot 'SimulatedSite.ps1'), $runbook, $connect, $history, $logFolder, (Join-Path $TestDrive ([guid]::NewGuid())) -ScriptBlock {
                param($library, $runbook, $connect, $history, $logFolder, $data)
                . $library
                Invoke-ChildPwsh -ScriptPath $runbook -Arguments $connect, $history, $logFolder -NonInteractive -TimeoutSeconds 120 -Environment @{ QLIKLICENSE_DATA = $data }
            }
        }
        $runs = $jobs | Receive-Job -Wait -AutoRemoveJob
    }

    AfterAll {
        Stop-SimulatedSite $otherSite
    }

    It 'takes the runs of two scheduled runs at once on two sites without mixing their lines' {
        $runs | ForEach-Object { $_.TimedOut | Should -BeFalse; $_.Errors | Should -BeNullOrEmpty; $_.Output | Should -Match 'recorded' }
        $entries = @(Get-QlikLicenseHistory -Path $history -WarningVariable skipped)
        $skipped | Should -BeNullOrEmpty
        $entries.Count | Should -Be 6
        $entries | Group-Object Site | ForEach-Object { $_.Count | Should -Be 3 }
        @($entries | Group-Object Site).Count | Should -Be 2
    }

    It 'reads it back with the standard cmdlets, one site or all, and shows it as a table' {
        $mine = @(Get-QlikConnection | Get-QlikLicenseHistory -Path $history -Last 2)
        $mine.Count | Should -Be 2
        $mine.Site | Sort-Object -Unique | Should -Be (Get-QlikConnection).Site
        $mine[0].Time | Should -BeLessOrEqual $mine[1].Time
        ($mine | Select-Object -Last 1).SeatsOf('Analyzer').Total | Should -BeGreaterThan 0
        $table = Get-QlikLicenseHistory -Path $history -Last 1 | Out-String
        $table | Should -Match "Site: $([regex]::Escape((Get-QlikConnection).Site))"
        $table | Should -Match 'Time \(UTC\)\s+Professional\s+Analyzer\s+Denied\s+Released\s+Allocated\s+Problems'
        $table | Should -Match '\d+ / \d+'
    }

    It 'records a run without -HistoryPath in the State folder of QLIKLICENSE_DATA, draws its trend, and leaves a preview out' {
        $data = Join-Path $TestDrive 'data'
        $env:QLIKLICENSE_DATA = $data
        try {
            $report = Join-Path $TestDrive 'trend.html'
            Invoke-QlikLicenseMaintenance -LogPath $logFolder -Since 2019-01-01 -ReportPath $report -WarningAction SilentlyContinue
            Invoke-QlikLicenseMaintenance -LogPath $logFolder -Since 2019-01-01 -WhatIf -PassThru -WarningAction SilentlyContinue |
                ForEach-Object { $_.History[-1].Preview | Should -BeTrue }
            $default = Join-Path $data 'State/history.jsonl'
            @(Get-Content $default).Count | Should -Be 1
            (Get-QlikLicenseHistory).HistoryPath | Should -Be $default
            Get-Content -Raw $report | Should -Match 'id="trend-chart"'
        }
        finally {
            Remove-Item Env:QLIKLICENSE_DATA
        }
    }
}

Describe 'The cause of each denial, as an administrator reviews it' {
    BeforeAll {
        # The simulator's site and logs of denials of every cause (DenialCauseScenario): refused three days ago, one
        # person two days later, after the license ended.
        $causeLogs = Join-Path $TestDrive 'cause-logs'
        $causeSite = Start-SimulatedSite -Root $root -DenialCauses $causeLogs
        . $causeSite.ConnectScript
        $causeConnection = Get-QlikConnection
        $expected = @{
            'CORP\nopass' = 'NoAccessType'; 'CORP\busy' = 'TooManySessions'; 'CORP\crowded' = 'NoAccessType'; 'CORP\newhire' = 'PendingUserSync'
            'CORP\ghost' = 'UnknownUser'; 'CORP\overflow' = 'ExcessAssignment'; 'CORP\late.comer' = 'LicenseNotAvailable'
        }
    }
    AfterAll {
        Disconnect-QlikSense -Connection $causeConnection -ErrorAction SilentlyContinue
        Stop-SimulatedSite $causeSite
        . $site.ConnectScript
    }

    It 'shows each person''s cause in the default table' {
        $table = Get-QlikLicenseDenial -Path $causeLogs | Format-Table | Out-String -Width 250
        $table | Should -Match 'Count\s+Cause\s+FirstDenied'
        foreach ($cause in $expected.Values) { $table | Should -Match $cause }
    }

    It 'writes the cause to CSV, one column read back as it was' {
        $file = Join-Path $TestDrive 'cause-denials.csv'
        Get-QlikLicenseDenial -Path $causeLogs | Export-Csv $file
        $rows = Import-Csv $file
        $rows | ForEach-Object { $_.Cause | Should -Be $expected["$($_.UserDirectory)\$($_.UserId)"] }
        @($rows).Count | Should -Be $expected.Count
    }

    It 'takes only the reviewed rows a seat helps into Add-QlikLicenseAllocation -WhatIf' {
        $file = Join-Path $TestDrive 'cause-review.csv'
        Get-QlikLicenseDenial -Path $causeLogs | Export-Csv $file
        $transcript = Join-Path $TestDrive 'cause-transcript.txt'
        Start-Transcript $transcript | Out-Null
        Import-Csv $file | Where-Object { $_.UserKey -and $_.Cause -in 'NoAccessType', 'Unstated' } | Add-QlikLicenseAllocation -Type Analyzer -WhatIf
        Stop-Transcript | Out-Null
        $whatIf = @(Select-String -Path $transcript -Pattern '^What if: Performing the operation "Allocate Analyzer access"')
        $whatIf.Count | Should -Be 2
        ($whatIf.Line -join "`n") | Should -Match 'crowded' -Because 'the sessions message without a seat reads as no access type'
        ($whatIf.Line -join "`n") | Should -Not -Match 'busy'
    }

    It 'gives the other causes their own advice, and a runbook skips advice that has no command' {
        $suggestions = Get-QlikLicenseDenial -Path $causeLogs | Get-QlikLicenseSuggestion -WarningAction SilentlyContinue
        $kinds = @($suggestions.Kind | ForEach-Object ToString)
        foreach ($kind in 'CloseSessions', 'AwaitUserSync', 'SyncUserDirectory', 'RenewLicense', 'ReleaseExcess') { $kinds | Should -Contain $kind }
        ($suggestions | Where-Object Kind -EQ CloseSessions).Users | Should -Be @('CORP\busy')
        ($suggestions | Where-Object Kind -EQ Allocate).Users | Sort-Object | Should -Be @('CORP\crowded', 'CORP\nopass')
        ($suggestions | Format-Table | Out-String -Width 250) | Should -Match '\(advice\) One person'
        foreach ($suggestion in $suggestions | Where-Object CommandName) {
            $parameters = $suggestion.Parameters
            & $suggestion.CommandName @parameters -Connection $suggestion.Connection -WhatIf
        }
    }

    It 'finds the license that ended and the allocation above it, and writes them to readable JSON' {
        $findings = Get-QlikLicenseFinding -WarningVariable warned -WarningAction SilentlyContinue
        ($warned -join "`n") | Should -Match 'ended on'
        $end = $findings | Where-Object Kind -EQ LicenseEnd
        $end.DaysLeft | Should -BeLessThan 0
        $json = $findings | ConvertTo-Json -Depth 3 -EnumsAsStrings -WarningAction SilentlyContinue
        $json | Should -Not -Match 'System\.[A-Z][A-Za-z.]*\[\]|QlikLicense\.Model\.'
        @($json | ConvertFrom-Json).Kind | Should -Contain 'ExcessAllocation'
    }

    It 'releases the excess rows kept in a reviewed findings file, as a preview' {
        $file = Join-Path $TestDrive 'excess.csv'
        Get-QlikLicenseFinding -Kind ExcessAllocation | Export-Csv $file
        $rows = @(Import-Csv $file)
        $rows.Count | Should -Be 1
        $transcript = Join-Path $TestDrive 'excess-transcript.txt'
        Start-Transcript $transcript | Out-Null
        Import-Csv $file | Remove-QlikLicenseAllocation -WhatIf
        Stop-Transcript | Out-Null
        @(Select-String -Path $transcript -Pattern '^What if: ').Count | Should -Be 1
        (Get-QlikLicenseFinding -Kind ExcessAllocation).Id | Should -Be $rows[0].Id
    }
}

Describe 'A runbook acting on license suggestions' {
    BeforeAll {
        # Denials as Get-QlikLicenseDenial returns them from logs read without a connection; the cmdlet looks them up.
        $denied = @{ UserDirectory = 'CORP'; UserId = 'wmaximoff' }, @{ UserDirectory = 'CORP EU'; UserId = 'jnowak' } |
            ForEach-Object { [QlikLicense.Model.LicenseDenial]$_ }
        $suggestions = @($denied) + @(Get-QlikInactiveLicensedUser -WarningAction SilentlyContinue) | Get-QlikLicenseSuggestion
        $allocations = @($suggestions | Where-Object Kind -EQ Allocate)
    }

    It 'gets one object per suggestion, with the exact command, in a table view' {
        $allocations.Command | Should -Be @(
            "Add-QlikLicenseAllocation -Type Analyzer -UserDirectory 'CORP' -UserId 'wmaximoff'"
            "Add-QlikLicenseAllocation -Type Analyzer -UserDirectory 'CORP EU' -UserId 'jnowak'")
        $allocations[0].Group | Should -Be 'Marketing'
        $allocations[0].PSObject.TypeNames | Should -Contain 'QlikLicense.Model.LicenseSuggestion'
        ($suggestions | Format-Table | Out-String -Width 200) | Should -Match 'Kind\s+Subject\s+Denied\s+Command'
    }

    It 'invokes each suggestion with -WhatIf, by splatting and as command text, and changes nothing' {
        $rulesBefore = Get-QlikLicenseRule | ForEach-Object { "$($_.Name)=$($_.Rule)" }
        foreach ($suggestion in $suggestions) {
            $parameters = $suggestion.Parameters
            & $suggestion.CommandName @parameters -Connection $suggestion.Connection -WhatIf
            Invoke-Expression ($suggestion.Command + ' -WhatIf')
        }
        Get-QlikLicenseRule | ForEach-Object { "$($_.Name)=$($_.Rule)" } | Should -Be $rulesBefore
        # Still suggested: nothing was allocated.
        (@($denied) | Get-QlikLicenseSuggestion | Where-Object Kind -EQ Allocate).Count | Should -Be 2
    }
}
