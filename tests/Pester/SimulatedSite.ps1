# Starts the simulated Qlik Sense site (tests/QlikLicense.Simulator, as built by the solution) as its own process and
# writes a script that imports the built module and connects to the site, for this session and for child pwsh processes.

function Start-SimulatedSite {
    # -LicenseModel: the licence the site runs (UserBased, Token, Capacity or Mixed; the simulator's --license-model).
    # -DenialCauses: the simulator writes logs of denials of every cause into that folder and sets its site up for them.
    param([Parameter(Mandatory)] [string] $Root, [string] $LicenseModel = 'UserBased', [string] $DenialCauses)
    $folder = Join-Path ([IO.Path]::GetTempPath()) ("qliklicense-pester-" + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory $folder
    # The simulator's own process (not "dotnet run", whose child would outlive Kill).
    $simulatorDll = Get-ChildItem (Join-Path $Root 'tests/QlikLicense.Simulator/bin') -Recurse -Filter QlikLicense.Simulator.dll |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    if (-not $simulatorDll) { throw 'Build first: dotnet build QlikLicense.sln' }
    # Arguments as one string: ProcessStartInfo.ArgumentList does not exist in Windows PowerShell 5.1's .NET Framework.
    $arguments = '"{0}" --cert-dir "{1}" --license-model {2}' -f $simulatorDll.FullName, $folder, $LicenseModel
    if ($DenialCauses) { $arguments += ' --denial-causes "{0}"' -f $DenialCauses }
    $start = New-Object Diagnostics.ProcessStartInfo 'dotnet', $arguments
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($start)

    $port = $null; $password = $null; $expectPassword = $false
    while ($null -ne ($line = $process.StandardOutput.ReadLine())) {
        if ($line -match '^QRS \(mutual TLS\): https://localhost:(\d+)/') { $port = [int]$Matches[1] }
        elseif ($line -like 'client.pfx password*') { $expectPassword = $true }
        elseif ($expectPassword) { $password = $line; $expectPassword = $false }
        elseif ($line -like 'Press Ctrl+C*') { break }
    }
    if (-not $port) { $process.Kill(); throw 'The simulated site did not start.' }

    $manifest = Join-Path $Root 'out/QlikLicense/QlikLicense.psd1'
    # The test site's generated certificate password, kept in the site's temporary folder only.
    $connectScript = Join-Path $folder 'connect.ps1'
    @"
Import-Module '$manifest'
`$QlikSitePassword = (New-Object Net.NetworkCredential '', '$password').SecurePassword
Connect-QlikSense -Server localhost -Port $port -CertificatePath '$(Join-Path $folder 'client.pfx')' -CertificatePassword `$QlikSitePassword -CaCertificatePath '$(Join-Path $folder 'root.cer')' | Out-Null
"@ | Set-Content -Path $connectScript -Encoding utf8
    # The password as a sites file names it: a file made with Export-Clixml (not encrypted off Windows; a temporary test site's).
    $passwordFile = Join-Path $folder 'client.pfx.xml'
    (New-Object Net.NetworkCredential '', $password).SecurePassword | Export-Clixml -Path $passwordFile
    [pscustomobject]@{ Process = $process; Port = $port; Folder = $folder; ConnectScript = $connectScript; Manifest = $manifest; PasswordFile = $passwordFile }
}

function Stop-SimulatedSite {
    param($Site)
    if ($Site -and -not $Site.Process.HasExited) { $Site.Process.Kill(); $null = $Site.Process.WaitForExit(10000) }
    if ($Site) { Remove-Item -Recurse -Force $Site.Folder -ErrorAction SilentlyContinue }
}

# Starts the simulated Qlik Cloud tenant (the simulator's --tenant switch) as its own process and writes two scripts that
# import the built module and connect to it: connect.ps1 with the API key, connect-oauth.ps1 with the OAuth client; and
# the API key's Export-Clixml file for a sites file.
# Stop-SimulatedSite stops it.
function Start-SimulatedTenant {
    param([Parameter(Mandatory)] [string] $Root, [int] $Users = 0)
    $folder = Join-Path ([IO.Path]::GetTempPath()) ("qliklicense-pester-tenant-" + [guid]::NewGuid().ToString('N'))
    $null = New-Item -ItemType Directory $folder
    $simulatorDll = Get-ChildItem (Join-Path $Root 'tests/QlikLicense.Simulator/bin') -Recurse -Filter QlikLicense.Simulator.dll |
        Sort-Object LastWriteTime -Descending | Select-Object -First 1
    if (-not $simulatorDll) { throw 'Build first: dotnet build QlikLicense.sln' }
    $start = New-Object Diagnostics.ProcessStartInfo 'dotnet', ('"{0}" --tenant --users {1} --cert-dir "{2}"' -f $simulatorDll.FullName, $Users, $folder)
    $start.RedirectStandardOutput = $true
    $start.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($start)

    $found = @{}; $expect = $null
    while ($null -ne ($line = $process.StandardOutput.ReadLine())) {
        if ($expect) { $found[$expect] = $line; $expect = $null }
        elseif ($line -match '^Tenant:\s+(\S+)') { $found.Url = $Matches[1] }
        elseif ($line -match '^OAuth client id:\s+(\S+)') { $found.ClientId = $Matches[1] }
        elseif ($line -like 'API key*') { $expect = 'ApiKey' }
        elseif ($line -like 'OAuth client secret*') { $expect = 'ClientSecret' }
        elseif ($line -like 'Press Ctrl+C*') { break }
    }
    if (-not $found.Url) { $process.Kill(); throw 'The simulated tenant did not start.' }

    $manifest = Join-Path $Root 'out/QlikLicense/QlikLicense.psd1'
    $caCertificate = Join-Path $folder 'root.cer'
    # The test tenant's generated secrets, kept in its temporary folder only.
    $connectScript = Join-Path $folder 'connect.ps1'
    @"
Import-Module '$manifest'
`$QlikTenantKey = (New-Object Net.NetworkCredential '', '$($found.ApiKey)').SecurePassword
Connect-QlikCloud -Tenant $($found.Url) -ApiKey `$QlikTenantKey -CaCertificatePath '$caCertificate' | Out-Null
"@ | Set-Content -Path $connectScript -Encoding utf8
    $oauthScript = Join-Path $folder 'connect-oauth.ps1'
    @"
Import-Module '$manifest'
`$QlikTenantSecret = (New-Object Net.NetworkCredential '', '$($found.ClientSecret)').SecurePassword
Connect-QlikCloud -Tenant $($found.Url) -ClientId '$($found.ClientId)' -ClientSecret `$QlikTenantSecret -CaCertificatePath '$caCertificate' | Out-Null
"@ | Set-Content -Path $oauthScript -Encoding utf8
    # The API key as a sites file names it: a file made with Export-Clixml (not encrypted off Windows).
    $apiKeyFile = Join-Path $folder 'api-key.xml'
    (New-Object Net.NetworkCredential '', $found.ApiKey).SecurePassword | Export-Clixml -Path $apiKeyFile
    [pscustomobject]@{
        Process = $process; Url = $found.Url; ClientId = $found.ClientId; Folder = $folder; CaCertificatePath = $caCertificate
        ConnectScript = $connectScript; OAuthConnectScript = $oauthScript; Manifest = $manifest
        ApiKeyFile = $apiKeyFile
    }
}

# Runs a program with its input, output and errors redirected, and returns its exit code and output; it is killed after
# the timeout, so a prompt that waits for input fails the test instead of hanging the run.
function Invoke-ChildProcess {
    param(
        [Parameter(Mandatory)] [string] $FilePath,
        [string[]] $Arguments = @(),
        [string] $InputText,
        [hashtable] $Environment = @{},
        [int] $TimeoutSeconds = 60
    )
    $start = New-Object Diagnostics.ProcessStartInfo $FilePath
    foreach ($argument in $Arguments) { $start.ArgumentList.Add($argument) }
    # $null removes a variable from the child's environment.
    foreach ($name in $Environment.Keys) {
        if ($null -eq $Environment[$name]) { $null = $start.Environment.Remove($name) } else { $start.Environment[$name] = $Environment[$name] }
    }
    $start.RedirectStandardOutput = $true
    $start.RedirectStandardError = $true
    $start.RedirectStandardInput = $true
    $start.UseShellExecute = $false
    $process = [Diagnostics.Process]::Start($start)
    $stdout = $process.StandardOutput.ReadToEndAsync()
    $stderr = $process.StandardError.ReadToEndAsync()
    if ($InputText) { $process.StandardInput.Write($InputText) }
    $process.StandardInput.Close()
    $exited = $process.WaitForExit($TimeoutSeconds * 1000)
    if (-not $exited) { $process.Kill($true); $null = $process.WaitForExit(5000) }
    [pscustomobject]@{
        TimedOut = -not $exited
        ExitCode = if ($exited) { $process.ExitCode } else { $null }
        Output   = $stdout.Result
        Errors   = $stderr.Result
    }
}

# Runs a script in a child pwsh, the same pwsh as this session.
function Invoke-ChildPwsh {
    param(
        [Parameter(Mandatory)] [string] $ScriptPath,
        [string[]] $Arguments = @(),
        [string] $InputText,
        [switch] $NonInteractive,
        [hashtable] $Environment = @{},
        [int] $TimeoutSeconds = 60
    )
    $pwsh = (Get-Process -Id $PID).Path
    $argumentList = @()
    # pwsh installed as a .NET tool runs as "dotnet pwsh.dll".
    if ([IO.Path]::GetFileNameWithoutExtension($pwsh) -eq 'dotnet') { $argumentList += Join-Path $PSHOME 'pwsh.dll' }
    $argumentList += @('-NoProfile', '-NoLogo')
    if ($NonInteractive) { $argumentList += '-NonInteractive' }
    $argumentList += @('-File', $ScriptPath) + $Arguments
    Invoke-ChildProcess -FilePath $pwsh -Arguments $argumentList -InputText $InputText -Environment $Environment -TimeoutSeconds $TimeoutSeconds
}
