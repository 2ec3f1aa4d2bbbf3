# The repository's QlikLicense.psd1 as data. Each value is read as Import-PowerShellDataFile reads it, one key at a
# time, but for RootModule: a statement that picks the build by $PSEdition, which that cmdlet refuses.
function Read-ModuleManifestData {
    param([Parameter(Mandatory)] [string] $Path)
    $errors = $null
    $script = [System.Management.Automation.Language.Parser]::ParseFile($Path, [ref] $null, [ref] $errors)
    if ($errors) { throw "$Path does not parse: $($errors[0].Message)" }
    $manifest = $script.Find({ param($node) $node -is [System.Management.Automation.Language.HashtableAst] }, $false)
    $data = @{}
    foreach ($pair in $manifest.KeyValuePairs) {
        if ($pair.Item2 -is [System.Management.Automation.Language.PipelineAst]) {
            $data[$pair.Item1.Value] = $pair.Item2.GetPureExpression().SafeGetValue()
        }
    }
    $data
}
