@{
    # The build for this PowerShell: Core (PowerShell 7.4 and later, net8.0) or Desktop (Windows PowerShell 5.1,
    # netstandard2.0). Manifests may read $PSEdition from Windows PowerShell 5.1 on; picking here rather than in a loader
    # script makes the import shorter (docs/performance.md, "Module import").
    RootModule           = if ($PSEdition -eq 'Core') { 'Core/QlikLicense.dll' } else { 'Desktop/QlikLicense.dll' }
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
        'QlikLicense.Suggestions.format.ps1xml'
        'QlikLicense.SharedAccess.format.ps1xml'
        'QlikLicense.Findings.format.ps1xml'
    )
    CmdletsToExport      = @(
        'Connect-QlikSense'
        'Connect-QlikCloud'
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
        'Get-QlikLicenseHistory'
        'Get-QlikLicenseDenial'
        'Test-QlikLicenseMonitor'
        'Get-QlikLicenseSummary'
        'Get-QlikLicenseAutoAssignment'
        'Set-QlikLicenseAutoAssignment'
        'Get-QlikLicenseRule'
        'New-QlikLicenseRule'
        'Set-QlikLicenseRule'
        'Remove-QlikLicenseRule'
        'Test-QlikLicenseRule'
        'Invoke-QlikLicenseMaintenance'
        'Get-QlikLicenseSuggestion'
        'Get-QlikLoginAccessGroup'
        'Get-QlikAnalyzerCapacityUsage'
        'Get-QlikLicenseFinding'
    )
    FunctionsToExport    = @()
    VariablesToExport    = @()
    AliasesToExport      = @()
    PrivateData          = @{
        PSData = @{
            Tags         = @('Qlik', 'QlikSense', 'License', 'QRS', 'Administration', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows')
            ProjectUri   = 'https://github.com/qliklicense/QlikLicense'
            LicenseUri   = 'https://github.com/qliklicense/QlikLicense/blob/main/LICENSE'
            ReleaseNotes = @'
### Added
- Every licence model a site runs, said and handled (issue 18). `Get-QlikLicenseSummary` has a row per access type
  the licence offers, with its `Model` (`UserBased`, `Token`, `AnalyzerCapacity`) and `Unit` (seats, tokens,
  minutes): Professional and Analyzer seats, the licence's tokens for `UserAccess` and `LoginAccess` passes (total,
  available, `TokenCost` per pass, allocated, used, quarantined or unavailable), and `AnalyzerCapacity` minutes of the
  month (total, used, left); `Handling` says what the module does about each. The routine's report says the `Models`
  the site runs, shows every row (one chart per unit in the HTML report, and a Licence models section), and names in
  `NotCovered` what the licence runs that the run did not look at, never "nothing to do" (on a Qlik Cloud tenant, its
  analyzer capacity minutes: shown, and named as not handled).
- Token licences, with the verbs of seats: `-Type UserAccess` (user access passes) on `Get-QlikLicenseAllocation`,
  `Get-QlikInactiveLicensedUser`, `Remove-`, `Add-` and `Restore-QlikLicenseAllocation`, `Undo-QlikLicenseChange`,
  `Invoke-QlikLicenseMaintenance` (`-AllocateDenied UserAccess` too) and `Get-QlikLicenseSuggestion`: found, released
  with the journal and read-back (a pass used in the last 7 days is reported `Quarantined` with the end the site gives),
  allocated against the free tokens (a person the tokens do not cover gets `NoSeatAvailable` and nothing is sent),
  reinstated by undo. User access rules (`useraccessgroup`) with `Get-`, `New-`, `Set-`, `Remove-` and
  `Test-QlikLicenseRule -Type UserAccess`.
- `Get-QlikLoginAccessGroup`: a token licence's login access groups, with tokens, passes used and left, the people
  who used them in the last 28 days, their rules, and a `State` (`RunDry`, `NoRule`, `Unused`, `InUse`); the routine
  lists them (`LoginAccessGroups`) and warns about each group run dry, without an enabled rule, or unused.
- `Get-QlikAnalyzerCapacityUsage`: who spends analyzer capacity, each person's minutes (six-minute units) of the last
  30 days, most first, with their share; `-AnalyzerSeatMinutes` (your contract's price of an Analyzer seat in minutes)
  marks who would cost less with a seat. `Get-QlikLicenseSuggestion` takes the spenders (and `-AnalyzerSeatMinutes`)
  and suggests `SeatForCapacity`: `Add-QlikLicenseAllocation -Type Analyzer` for each; the routine lists the ten
  biggest spenders (`CapacityUsers`) and makes the same decision with `-AnalyzerSeatMinutes`.
- The simulated site runs any licence model: `SiteOptions.LicenseModel` / `--license-model` / the sandbox's
  `-LicenseModel` `UserBased` (default), `Token`, `Capacity` or `Mixed`, each with inactive holders and quarantine; the
  unconfirmed readings are settable (`Store.PassQuarantine`: a pass's quarantine from its last use or from the
  release; `Store.UserAccessTokenCost`).
- Qlik Cloud tenants: `Connect-QlikCloud -Tenant <url>` with `-ApiKey` or OAuth client credentials (`-ClientId`,
  `-ClientSecret`; the token is renewed before it expires), the certificate options of `Connect-QlikSense`, and
  `-TimeoutSec`; `Get-QlikConnection` shows the `Kind` (QlikSense or QlikCloud). On a tenant, `Test-QlikLicenseMonitor`
  reads the licence status and overview, `Get-QlikLicenseSummary` the allotments, `Get-QlikLicenseAllocation` every
  assignment over all pages joined with the users, `Get-QlikInactiveLicensedUser` disabled and deleted users
  (`-UnusedDays` from the consumption records; orphaned assignments are never offered), `Remove-`/`Add-QlikLicenseAllocation`
  use the batch actions with one outcome per item from the 207 (`-BatchSize` on Remove; no seat left is
  `NoSeatAvailable`), `Get-QlikLicenseDenial` reads the licence-rejected audit events, and `Invoke-QlikLicenseMaintenance`
  runs the routine. A 429 blocks its rate tier for Retry-After and the command goes on; writes are paced. License rule
  cmdlets answer `NotSupportedOnQlikCloud`.
- Qlik Cloud tenants in a sites file, scheduled like sites: an entry with `Tenant` (its https URL or host name) and
  `ApiKeyPath`, or `ClientId` and `ClientSecretPath`, names the `Export-Clixml` file holding the API key or the OAuth
  client's secret, never the secret itself; `Invoke-QlikLicenseMaintenance -SitesFile` runs every site and tenant of
  the file in one run with one report (HTML and objects). Each tenant entry is checked on its own and a bad one is an
  error about that entry while the others run: a setting of a site in it or a URL that is not https
  (`SiteSettingsConflict`, `SiteSettingInvalid`), both an API key and a client secret, none, or a missing half of
  the OAuth pair (`SiteSettingsConflict`, `SiteSettingMissing`), a key or secret file missing or unreadable
  (`PasswordFileNotFound`, `PasswordFileUnreadable`), and an `ApiKey` or `ClientSecret` written in the file
  (`SiteSecretInFile`, its value never shown). A tenant's denials come from its audit events even when `-LogPath`
  names the sites' log files.
- Every request the module sends during the tests is held against Qlik's own API descriptions (QRS November 2022 and
  Qlik Cloud January 2025, beside the repository in `../shared`): the operation exists, each query parameter is declared
  and within its minimum, maximum, enum and pattern, no deprecated parameter goes with `filter`, and each body matches its
  schema with no undeclared property. `build.ps1 -Task Test` (and so `.ci/run`) keeps every simulator's requests in
  `out/request-trail` and runs these contract tests last; without `../shared` they say they did not run.
- `Add-QlikLicenseAllocation -BatchSize` (1 to 100, default 100): on a Qlik Cloud tenant allocations go in add batch
  actions, each journaled before its batch is sent, with one outcome per user from the `207`. 24 allocations cost one
  request (they cost 24 and more with the 429s between them). `Invoke-QlikLicenseMaintenance -AllocateDenied` batches
  the same way.
- Capacity-based Qlik Cloud tenants (no Professional or Analyzer allotment in the licence overview) are recognised:
  `Test-QlikLicenseMonitor` and the routine's report say so in `Remark`, with what the monthly check means there, instead
  of calling the licence not operational.
- `Get-QlikLicenseAutoAssignment` and `Set-QlikLicenseAutoAssignment` (`-WhatIf`, journaled): a tenant's switches that
  assign Professional or Analyzer at sign-in.
- The maintenance history: each run of `Invoke-QlikLicenseMaintenance` (not `-WhatIf`) adds one JSON line per site
  to `history.jsonl` beside the routine's state (or `-HistoryPath`): seats held, allocated, used, quarantined and
  available per type, allocations to release, released and allocated, denied users, changes and problems, with a
  `format` version. Sites are named by server, port and prefix; runs on several sites, or two runs at once, append
  under the journal's lock file, and a line torn by a run that died is skipped with a warning.
  `Get-QlikLicenseHistory -Site -Last` reads it back. The HTML report draws each site's last 12 runs (seats used
  against seats held per type, denied users per run) as an inline SVG chart with the figures in a table; a
  preview's figures are shown as its last, paler column but not recorded.
- A decision for each finding: `Get-QlikLicenseSuggestion` takes denials and inactive users from the pipeline and
  returns one `LicenseSuggestion` per decision (`Allocate` to the one or two people of a group, `EnableRule`,
  `AddGroupToRule` or `NewRule` from `-MinimumDenied` denied members of a group, `ExcludeFromRule` for a rule that
  grants inactive users back, `FreeSeats` when the seats do not cover them), with the exact command quoted for
  PowerShell, `CommandName` and `Parameters` to splat, and its site's `Connection`. `Invoke-QlikLicenseMaintenance`
  makes the same from what it found and did not change itself: `DeniedGroups` (per directory group: denied,
  holding a license now, inactive, the enabled and disabled rules naming it, why they were denied) and
  `Suggestions` in its report, and a Decisions section in the HTML report.
- `Invoke-QlikLicenseMaintenance` on several sites in one run: `-Connection $prod, $test` or piped connections,
  up to `-ThrottleLimit` sites at once (default 4); a site that fails is reported in its report's `Problems` and the
  others finish; prompts and `-WhatIf` still go through the cmdlet on the pipeline thread; `-PassThru` returns one
  report per site, and `-ReportPath` writes one file for the run, a table of the sites first, then each site's report.
- `Invoke-QlikLicenseMaintenance -SitesFile sites.psd1` for scheduled runs: a PowerShell data file listing the sites
  (name, server, port or virtual proxy, a store certificate's thumbprint, or a PFX whose password comes from an
  `Export-Clixml` file, or Windows authentication). It is read as data, never run; each bad site gives an error about
  its entry (`SiteSettingMissing`, `SiteSettingUnknown`, `SiteSettingInvalid`, `SiteSettingsConflict`,
  `SiteNameDuplicate`, `PasswordFileNotFound`, `PasswordFileUnreadable`) and a site holding a secret is refused
  (`SiteSecretInFile`), while the good sites run; every site of the file has a report object. Example:
  `docs/examples/sites.psd1`.
- Sites sharing one license: `Invoke-QlikLicenseMaintenance` reads each site's license (`GET /qrs/license`: serial,
  and a fingerprint of the signed key, never the key); sites of one run with the same serial or signed key name each
  other in `SharesLicenseWith`, the report's table of sites shows the license, and the run's seat totals under it count
  a shared license once. The simulated site answers `GET /qrs/license` with a serial and key settable per site
  (`Store.SetLicense`), different on every site by default.
- The simulated site can refuse a user: `Faults.ForbiddenRate` (403 without acting) and `Faults.RefuseEverything()`
  (403 for every call, the connection check included); a run over three sites, one of them refusing every call,
  reports that site (`QrsAccessDenied`, category PermissionDenied, with what to check) and the other two finish.
- Package for the PowerShell Gallery: `./build.ps1 -Task Package` makes `out/packages/QlikLicense.<version>.nupkg` with Publish-PSResource; install it with Install-PSResource (pwsh 7.4+) or Install-Module (Windows PowerShell 5.1).
- The Pester suite runs in real pwsh 7.6.9 with every test run, against a simulated site it starts itself.
- The sandbox's -Pwsh switch opens pwsh with the module imported and connected to the simulated site.
- Windows PowerShell 5.1 readiness, per connection and never process-wide: each connection's handler offers TLS 1.2 (and 1.3 where the runtime has it) when the process default lacks TLS 1.2, and allows 64 connections per server so `-ThrottleLimit` is not capped at 2; a failed TLS handshake names TLS versions as a possible cause; the module refuses to load on .NET Framework older than 4.7.1 with a clear message.
- Connect-QlikSense: the default `CN=QlikClient` store certificate is the newest valid one; a store certificate whose private key the account cannot open fails at once with `CertificatePrivateKeyInaccessible` and how to grant access; a PFX import that fails with the user key set is retried once with the machine key set; a certificate loaded from a file is disposed with its connection.
- `Undo-QlikLicenseChange`: takes journaled changes back, newest first, from `Get-QlikLicenseJournal` on the
  pipeline or a whole journal (`-JournalPath`, `-Since`); every undo is journaled itself, so it can be undone.
  Putting back a rule someone changed since is refused (`LicenseRuleChangedSince`).
- One journal for every change: allocations added (`Add-QlikLicenseAllocation`, `Invoke-QlikLicenseMaintenance
  -AllocateDenied`) and license rules created, changed (before and after) and removed are journaled like releases,
  intent before the change and outcome after the read-back, with a `format` version on every line.
  `Add-QlikLicenseAllocation` and `New-QlikLicenseRule` take `-JournalPath`.
- `Get-QlikLicenseJournal -Until -Kind -UserId -RuleName`.
- The HTML report's Changes section shows the command that undoes each change.
- The simulated site: a setting for how it reinstates quarantined allocations (PUT, POST or both) and a
  write-ahead check that refuses a change request the journal does not name yet.
- A simulated Qlik Cloud tenant for tests and the sandbox (`SimulatedTenant`, `dotnet run --project
  tests/QlikLicense.Simulator -- --tenant`, the sandbox's `-Tenant`): API key and OAuth client credentials over HTTPS,
  the licence endpoints with 207 batch answers, users of every status, consumption, audit events, paging with
  internal-host next links, 429 with Retry-After per tier, and a write-ahead check.
- The default journal folder can be set for every account on a machine with the `QLIKLICENSE_DATA` environment
  variable; in a non-interactive run (`-NonInteractive`, or an account without a desktop) a command writing to a
  default journal warns where it is, and the maintenance report always names its journal.
- The cause of each license denial: `Cause` on `Get-QlikLicenseDenial`'s objects (in the default table and in CSV)
  and on `-Raw` events: `NoAccessType`, `TooManySessions`, `PendingUserSync`, `UnknownUser`, `LicenseNotAvailable`,
  `ExcessAssignment`, or `Unstated`. It is read from the messages of the lines already found to be denials (result
  codes, `No available access type`, `SessionCount: '5'`), so the scan finds the same denials at the same speed, then
  refined with what the site says of each person (not in the repository, the license not usable then, an allocation
  marked `excess`, an allocation made less than an hour before, no access type behind a sessions message). Only
  `NoAccessType` and `Unstated` lead to a seat: `Get-QlikLicenseSuggestion` and the routine give the other causes
  their own suggestions (`CloseSessions`, `AwaitUserSync`, `SyncUserDirectory`, `RenewLicense` with an empty command,
  and `ReleaseExcess` with the `Remove-QlikLicenseAllocation` command), and `-AllocateDenied` never allocates to them.
  The result codes other than `NoAvailableAccessType` are unconfirmed (about_QlikLicense).
- `Get-QlikLicenseFinding`: allocations above the license, as many as are over, in the order to release them
  (`Rank`: Analyzer seats of Professional holders, inactive users, then the longest unused); people holding both
  Professional and Analyzer; the license's end (from a signed key's `valid` interval or a license file's `TIMELIMIT`,
  both unconfirmed), or a license expired or invalid, warned 60 days ahead (`-WarningDays`). The findings pipe into
  `Remove-QlikLicenseAllocation` by `Id` and `Type`, also through CSV. `Invoke-QlikLicenseMaintenance` makes the same
  findings (`Findings`, the HTML report's "More findings") and warns of the license's end.
- Users never to release by QMC mark: `-ExcludeTag` and `-ExcludeCustomProperty Name=Value` (wildcards allowed) on
  `Get-QlikInactiveLicensedUser`, `Get-QlikLicenseFinding` and `Invoke-QlikLicenseMaintenance`. QRS finds the marked
  users (one filtered request per mark) and the module confirms the tag or the value of that very property; a Qlik
  Cloud tenant answers `NotSupportedOnQlikCloud`, and a mark that cannot be read offers nothing for release.
- Sites sharing one license, with `-UnusedDays` or `-UnusedSince`: a person counts as unused on one site only when no
  other site of the run on that license saw them since; when a sharing site cannot say, nobody is offered as unused
  on the others.
- When the pools run out: the report's `Trends` and the HTML trend section's "When the pools run out" give each pool
  (Professional and Analyzer seats, each a series of the maintenance history) its growth a month and the month it
  runs out at that rate; "not enough history" below three runs.
- The simulated site: QMC tags and custom property values on users (`Store.TagUser`, `SetCustomProperty`), the
  license's end in `keyDetails` or `lef` and `isExpired` (`SetLicenseEnd`), `excess` marks (`MarkExcess`), allocations
  made at a given time, and `DenialCauseScenario` (`--denial-causes DIR`): people refused for every cause, with
  repository, License and proxy logs.
- Tests that would catch a wrong change: `./build.ps1 -Task Mutation` runs Stryker.NET 5.1.0 (a local .NET tool) over
  the engine with the unit tests, one run per area (`-Mutate Logs`, or files), reports under `out/mutation`; scores
  and the survivors kept as equivalent are in `docs/testing.md`. The test command ends with every skipped test and
  why; without a browser the report rendering tests fail under `CI=true` (`QLIKLICENSE_CHROMIUM` names a browser).

### Changed
- The routine's report lists in `Problems` what its denial step could not read (a log folder or the archived logs
  share not found, an unreadable file or folder, no Qlik Sense log among the files, no archived logs folder named,
  a failed site request of the step), as well as warning or writing the error as before: a scheduled run's report no
  longer shows an unread share as a month without denials, and its history counts the problem.
- `Add-QlikLicenseAllocation` (and undo's give-back, which allocates the same way) warns, on a Qlik Sense site,
  about each person who holds the other seat type: an Analyzer seat for a Professional holder would be spare (the
  `ProfessionalAndAnalyzer` finding), and a Professional seat makes a held Analyzer seat spare (the warning names the
  command that releases it). The allocation goes ahead as asked. One more batched read (50 users a request) of the
  other seat type's allocations of the users about to get a seat.
- `Get-QlikLicenseDenial` (and the routine's denial step) warns when not one file found at the paths it searched is a
  Qlik Sense log (an empty folder, a wrong folder or file, an empty archived logs share), naming the paths and how
  many files were skipped: reading nothing no longer looks like nobody denied. A path not found stays its error alone.
- Without `-Type`, `Get-QlikLicenseAllocation`, `Get-QlikInactiveLicensedUser` and `Invoke-QlikLicenseMaintenance` look
  at every per-user access type the site's licence runs (one read of the licence overview), not Professional and
  Analyzer only; `Get-QlikLicenseSummary` shows the access types the licence offers. `-Type` of a person's
  allocation accepts (and completes) only `Professional`, `Analyzer` and `UserAccess`.
- `Get-QlikLicenseSuggestion` and the routine allocate, and write rules for, Analyzer where the licence offers it,
  else user access passes on a token licence, unless `-Type` (or `-AllocateDenied`) says otherwise.
- The summary table shows `Unit`, `Unavailable` and `PerPass`; the maintenance history records a row per access type
  the licence runs, tokens and minutes too, and the pools' trends (when each runs out) count a token licence's tokens
  and the month's analyzer capacity minutes as pools of their own.
- The engine checks each site of a sites file (`QlikLicense.Engine.dll`); the cmdlet only reads the file as data. The
  target of a bad site's error record is now `QlikLicense.Maintenance.Routine.SiteEntry`, with the same properties.
- A sites file whose `Sites` list is empty is refused (`SitesFileInvalid`) instead of running nothing.
- One undo: `Restore-QlikLicenseAllocation` is the restore form of `Undo-QlikLicenseChange` (releases only, the latest
  per user and access type, Medium impact, `AllocationChangeResult` output), with the same parameters and results as
  before. `Undo-QlikLicenseChange` gives back consecutive releases as `Restore-` does: one plan for all of them in a
  few batched reads (fewer requests than one plan per release), a warning when the site does not say how many seats
  are free, and a release whose user holds the access again reported `AlreadyAllocated` without asking.
- Journals: each command names a journal it writes once (`-Verbose`), and warns once about a default journal in a
  scheduled run.
- `Invoke-QlikLicenseMaintenance`: a rule check that failed is in the report's `Problems` as
  `Could not check whether a license rule grants <type> access back: <reason>`, the wording
  `Get-QlikInactiveLicensedUser` and `Remove-QlikLicenseAllocation` warn with.
- `Test-QlikLicenseRule` returns `QlikLicense.Rules.MatchedUser` objects (was `GrantedUser`, same properties): "grant"
  names seat allocations only, a rule audit's users are the users a rule matches.
- `QrsException` has no `Kind` any more (and `QrsErrorKind` is gone): site and tenant failures are one list,
  `SiteException.ErrorKind` (`SiteErrorKind`). ErrorIds are unchanged.
- On a Qlik Cloud tenant, `Test-QlikLicenseMonitor` and the routine's report say what was checked (`Checked`: the tenant's
  licence status, validity and seats in the licence overview) instead of "License Monitor operational"; the HTML report's
  first section is named after it. Denied groups on a tenant are explained by what stands there in place of license
  rules (assignment, and whether automatic assignment is on), and no rule is suggested; the history records a tenant's
  seats used (assigned seats, the overview's `unitsUsed`) instead of `?`.
- The routine on a Qlik Cloud tenant reads the users, the consumption records and the assignments once per run
  (the assignments again after a change), instead of once per step that needs them.
- Failed requests to a site of either kind are `SiteException`s (`QrsException` derives from it and keeps its members);
  ErrorIds of QRS failures are unchanged.
- `Connect-QlikSense` closes the default connection it replaces when that was to the same site as the same account.
- Undoing a whole journal again changes nothing: a change and the undo that took it back cancel out when both are
  in the input. An undo given alone is still undone. A rule changed by a later journaled change (or by an undo of
  the same run) is no longer taken for a rule someone else changed.
- The HTML report of Invoke-QlikLicenseMaintenance is written with a UTF-8 byte order mark, so Windows PowerShell 5.1's Get-Content reads it right.
- Groups, granting rules, roles, hosts, files and access types of the output objects are lists whose text is their items joined with "; ", so Export-Csv writes them readably instead of "System.String[]".
- Rule changes go to the site's journal (`<site>.jsonl`) instead of a separate `<site>.rules.jsonl`; journals of
  format 1 (lines without a `format` field, as earlier builds wrote them), including that rule journal, are still read.
- A quarantined allocation is reinstated first by a `PUT` with `quarantined` false and the `modifiedDate` read,
  and by a `POST` for the user when the site refuses the `PUT`; the outcome is read back either way.
- Restores name the release they undo in `undoes` and have an operation id of their own.
- Journal writers hold a lock file beside the journal for each line, so several sessions can write one journal;
  a line cut off by a killed session is ended before the next record is written.
- One name for leaving users out: `-Exclude` (`DIRECTORY\userid` wildcards) and `-ExcludeUserDirectory`.
  `Get-QlikLicenseDenial -ExcludeUser` is now `-Exclude`, and the command gains `-ExcludeUserDirectory`.
  `Invoke-QlikLicenseMaintenance -ExcludeDeniedUser` is merged into `-Exclude`, which now leaves the users out
  of every step (never offered for release, denials not read); `-ExcludeUserDirectory` does the same by directory.
  The old names `-ExcludeUser` and `-ExcludeDeniedUser` stay as aliases.
- The module is two assemblies, `QlikLicense.dll` (the cmdlets) and `QlikLicense.Engine.dll` (everything else,
  no PowerShell); both ship in the module folder. See ARCHITECTURE.md.
- Long activities (releasing thousands of allocations, reading thousands of log files) show at most a few
  progress updates a second, so Windows PowerShell 5.1 does not slow down drawing them.
- Get-QlikLicenseDenial reads the log files of several nodes or shares in parallel (one thread per processor); the events, their order and the de-duplication across logs are unchanged.
- Get-QlikLicenseDenial reads logs faster: a line's fields are counted and the bytes every denial line holds are looked for with vector searches, and only lines that hold them are split into columns; events, order, de-duplication and counts are unchanged. The module folder gains `System.Numerics.Vectors.dll` (4.4.0), which Windows PowerShell 5.1 loads from there and PowerShell 7 takes from its runtime.
- Get-QlikLicenseDenial finds a line's end and counts its fields in one pass (about 5 % less CPU on 1 GB of logs) and reads every file of a thread into the same buffer, so many small logs no longer allocate one each; events, order, de-duplication and counts are unchanged.
- `Get-QlikLicenseDenial`, when connected, also reads the license (one more request, for the causes).
- `Get-QlikLicenseSuggestion` and the routine's suggestions include advice no command carries out, with an empty
  `CommandName`: a runbook that runs the suggestions filters them with `Where-Object CommandName`.
- A build for each PowerShell: the module folder holds `Core/` (net8.0, for PowerShell 7.4 and later on .NET 8, 9 or
  10) and `Desktop/` (netstandard2.0, for Windows PowerShell 5.1, with `Newtonsoft.Json.dll` and
  `System.Numerics.Vectors.dll`), and the manifest's `RootModule` names the one for `$PSEdition` (an `if` in the
  manifest rather than a loader script, which made the import about 0.07 s longer). Copy the whole folder: no assembly
  sits at its root any more.
- Get-QlikLicenseDenial searches each block it reads of a log whole for the bytes every denial line holds (in audit logs,
  "License user access" and 403 together, or NoAvailableAccessType) and finds a line's bounds and fields only around a
  hit; PowerShell 7's build uses the runtime's vectorised span searches. Events, order and de-duplication are unchanged.
  `-Verbose` now counts as skipped the lines that hold a denial's mark but cannot be read (cut short, too long, without
  a readable time or user); blank and short lines without one are no longer looked at.
- Get-QlikLicenseDenial takes 25-30 % less CPU on large logs (1 GB: 1.2-1.4 times grep's CPU time instead of
  1.7-2.1, and about grep's wall time in a running pwsh) and allocates less than half the memory: a denial line keeps
  its message and ids as bytes until they are read, names that recur are decoded once, lines are de-duplicated while
  the other files are still read, and users are merged in parallel. Events, order, de-duplication and counts are
  unchanged.
- Get-QlikLicenseDenial makes the garbage collector pause less in a running pwsh (on 1 GB of logs, 28-43 ms a scan
  instead of 48-60, and about a tenth less time): the messages and ids a scan keeps lie in blocks the collector does not
  move, a denial's lines are an array of their number, and the summary per person no longer sorts each person's
  denials to find the latest cause. The end of a scan (merging, ordering, the summary per person) is compiled optimized
  from the first scan of a session, as the reading was. Events, order, de-duplication, counts and summaries are
  unchanged.
- Remove-QlikLicenseAllocation, and the routine's releases, read the outcome back 50 releases at a time with one
  filtered `GET` while the next `DELETE`s go on: about one request per released allocation instead of two (2,000
  releases: 2,000 `DELETE`s and 40 `GET`s), and outcomes come out 50 at a time. The default `-ThrottleLimit` is 8
  (was 4). Journal lines written at the same moment go to disk in one write; each still reaches the disk before its
  `DELETE` is sent.
- Get-QlikInactiveLicensedUser, and the routine, ask the site for the allocations of inactive users only instead of every
  allocation (unless `-UnusedDays` or `-IncludeOrphaned` asks for others): on a site of 100,000 users the answers hold
  3,439 allocations instead of 70,333, still in 5 requests.

### Fixed
- Get-QlikLicenseSuggestion and the routine: an inactive user without a user id is no longer written into a rule's exclusion (as `DIR\`), and a license rule without a name is named by its id in a group's too-few-seats finding, as in its `EnabledRules` (it was `''`).
- On a Qlik Cloud tenant whose `207` answer to a batch of assignment changes names no subjects (items answered by
  position), only the first item of the batch was answered; every other one failed as missing from the answer
  (`InvalidResponse`). Each item now gets the answer at its position (`CloudBatchActions`; found by the Cloud unit
  tests written for the mutation target of issue 22).
- `Get-QlikLicenseJournal -Path $j -Since $d | Undo-QlikLicenseChange -JournalPath $j` undoes the changes piped in,
  and only those, and records the undos in the journal `-JournalPath` names. It used to refuse to bind every piped
  record and then undo the whole journal. `Restore-QlikLicenseAllocation` takes `-JournalPath` with piped records the
  same way. Objects piped into either that are not journal records (allocations, which used to bind `-Connection` and
  so also undid the whole journal) stop the command before any change with `JournalRecordExpected`; an empty
  selection piped in undoes nothing.
- On a Qlik Cloud tenant that behaves as Qlik's API description says, `Get-QlikInactiveLicensedUser` found none of the
  assignments of disabled or deleted users: the users list answers only active users when no status is named (its
  documented default), so those users' assignments were taken for orphans. The module now names every status it wants,
  grouped as Qlik requires, and sends the audit events' time window with both ends in the described form
  (`YYYY-MM-DDThh:mm:ss.sssZ`; without `-Since`, the 90 days the audits keep).
- On a Qlik Sense site, an allocation names its user as Qlik's QRS description requires (`id`, `userId` and
  `userDirectory`, not the id alone), and a reinstated allocation or changed license rule is sent without the unset
  properties QRS answered with (`privileges` null, empty `deletedUserId`), which the description does not allow.
- A sites file holding code is refused with the line of the code, no longer with PowerShell's message that quoted
  the whole hashtable, a password written into the file by mistake included; a parse error no longer quotes its token.
- A journal or history line damaged with a lone carriage return costs only itself: it no longer splits in two and
  shifts the line numbers of every problem reported after it.
- A retried `PUT` of a license rule answered 409 by its own landed first try is reported as made, not as
  `LicenseRuleChanged`.
- `Undo-QlikLicenseChange` refuses a removed rule whose journal line (a format 1 rule journal) lacks the
  rule's name or text with `ChangeNotUndoable`, instead of failing with `System.ArgumentNullException`.
- A license rule that would grant access back but that the rule audit's answer does not describe is named by its id
  in the granting rules and warnings, instead of by an empty name.
- `Undo-QlikLicenseChange` reports license rule problems with the ErrorIds the rule cmdlets give (`NotALicenseRule`,
  `LicenseRuleInvalid`, `LicenseRuleNotFound`, ...), not `LicenseRuleNotALicenseRule` and the like.
'@
        }
    }
}
