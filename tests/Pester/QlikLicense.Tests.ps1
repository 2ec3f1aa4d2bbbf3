#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The Pester suite for machines with pwsh or Windows PowerShell: it imports the built module from out/QlikLicense and
# runs against the simulated site started as its own process (tests/QlikLicense.Simulator). Run it with ./build.ps1 -Task Test.

BeforeAll {
    $root = Resolve-Path (Join-Path $PSScriptRoot '../..')
    $manifestPath = Join-Path $root 'out/QlikLicense/QlikLicense.psd1'
    Import-Module $manifestPath -Force
    $sourceManifest = Import-PowerShellDataFile (Join-Path $root 'QlikLicense.psd1')

    $certificateFolder = Join-Path ([IO.Path]::GetTempPath()) ("qliklicense-pester-" + [guid]::NewGuid().ToString('N'))
    # The simulator's own process (not "dotnet run", whose child would outlive Kill), as built by ./build.ps1.
    $simulatorDll = Get-ChildItem (Join-Path $root 'tests/QlikLicense.Simulator/bin') -Recurse -Filter QlikLicense.Simulator.dll |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    if (-not $simulatorDll) { throw 'Build first: ./build.ps1 -Task Build' }
    # Arguments as one string: ProcessStartInfo.ArgumentList does not exist in Windows PowerShell 5.1's .NET Framework.
    $start = New-Object Diagnostics.ProcessStartInfo 'dotnet', ('"{0}" --cert-dir "{1}"' -f $simulatorDll.FullName, $certificateFolder)
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $script:simulator = [Diagnostics.Process]::Start($start)

    $port = $null; $password = $null; $expectPassword = $false
    while ($null -ne ($line = $script:simulator.StandardOutput.ReadLine())) {
        if ($line -match '^QRS \(mutual TLS\): https://localhost:(\d+)/') { $port = [int]$Matches[1] }
        elseif ($line -like 'client.pfx password*') { $expectPassword = $true }
        elseif ($expectPassword) { $password = $line; $expectPassword = $false }
        elseif ($line -like 'Press Ctrl+C*') { break }
    }
    if (-not $port) { throw 'The simulated site did not start.' }

    $securePassword = (New-Object Net.NetworkCredential '', $password).SecurePassword
    Connect-QlikSense -Server localhost -Port $port -CertificatePath (Join-Path $certificateFolder 'client.pfx') `
        -CertificatePassword $securePassword -CaCertificatePath (Join-Path $certificateFolder 'root.cer')
}

AfterAll {
    Disconnect-QlikSense
    if ($script:simulator -and -not $script:simulator.HasExited) { $script:simulator.Kill() }
}

Describe 'The module' {
    It 'exports exactly the cmdlets its manifest lists' {
        $exported = (Get-Command -Module QlikLicense).Name | Sort-Object
        $exported | Should -Be ($sourceManifest.CmdletsToExport | Sort-Object)
    }

    It 'has help with a synopsis and two examples for <_>' -ForEach (Import-PowerShellDataFile (Join-Path $PSScriptRoot '../../QlikLicense.psd1')).CmdletsToExport {
        $help = Get-Help $_ -Full
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -BeLike "$_ *"
        @($help.Examples.Example).Count | Should -BeGreaterOrEqual 2
    }
}

Describe 'Releasing the licenses of inactive users' {
    It 'previews with -WhatIf and changes nothing' {
        $before = @(Get-QlikLicenseAllocation).Count
        $candidates = @(Get-QlikInactiveLicensedUser)
        $candidates.Count | Should -BeGreaterThan 0
        $candidates | Remove-QlikLicenseAllocation -WhatIf
        @(Get-QlikLicenseAllocation).Count | Should -Be $before
    }

    It 'finds allocations of a user id with a quote' {
        (Get-QlikLicenseAllocation -UserDirectory 'CORP EU' -UserId "d'angelo").UserName | Should -Be "Marco D'Angelo"
    }
}
