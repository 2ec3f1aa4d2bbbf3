using System.Management.Automation;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;
using QlikLicense.Commands;
using QlikLicense.Maintenance.Routine;
using Xunit;

namespace QlikLicense.Tests.Commands;

/// <summary>
/// A sites file is read as data, never run: for any text given as a sites file (random text, a good file with code
/// or junk put in anywhere, entries of any shape), reading it gives sites and error records about the bad entries,
/// or one error record about the file, and nothing else: no other exception, no code run (every fragment of code
/// would create a marker file), no secret value in any message.
/// </summary>
public sealed class SitesFilePropertyTests : IDisposable
{
    private static readonly string[] FileErrorIds = { ErrorIds.SitesFileNotFound, ErrorIds.SitesFileInvalid };

    private static readonly string[] EntryErrorIds =
    {
        ErrorIds.SiteEntryInvalid, ErrorIds.SiteSettingUnknown, ErrorIds.SiteSettingMissing, ErrorIds.SiteSettingInvalid,
        ErrorIds.SiteSettingsConflict, ErrorIds.SiteNameDuplicate, ErrorIds.SiteSecretInFile,
    };

    private readonly string folder = Path.Combine(Path.GetTempPath(), "qliklicense-sitesfile-" + Guid.NewGuid().ToString("N"));

    public SitesFilePropertyTests() => Directory.CreateDirectory(folder);

    public void Dispose() => Directory.Delete(folder, recursive: true);

    [Property(MaxTest = 300, Arbitrary = new[] { typeof(SitesFileArbitraries) })]
    public Property Any_text_gives_sites_and_error_records_and_never_runs(SitesFileText text)
    {
        var marker = Path.Combine(folder, "ran-" + Guid.NewGuid().ToString("N"));
        var path = Path.Combine(folder, Guid.NewGuid().ToString("N") + ".psd1");
        File.WriteAllText(path, text.Render(marker));

        List<ErrorRecord> errors;
        int sites;
        bool fileError;
        try
        {
            var (read, entryErrors) = SitesFile.Read(path);
            (sites, errors, fileError) = (read.Count, entryErrors.Select(OperationErrors.RecordFor).ToList(), false);
        }
        catch (ConnectionSetupException error)
        {
            (sites, errors, fileError) = (0, new List<ErrorRecord> { error.Record }, true);
        }

        var messages = string.Join("\n", errors.Select(error => error.Exception.Message + error.ErrorDetails?.Message));
        return (!File.Exists(marker)
                && errors.All(error => (fileError ? FileErrorIds : EntryErrorIds).Contains(error.FullyQualifiedErrorId) && error.TargetObject != null)
                && (fileError || errors.All(error => error.TargetObject is SiteEntry))
                && !messages.Contains(SitesFileArbitraries.SecretValue, StringComparison.Ordinal)
                && (sites > 0 || errors.Count > 0 || text.MayBeEmpty))
            .Label($"{sites} sites, errors: {string.Join("; ", errors.Select(error => error.FullyQualifiedErrorId + ": " + error.Exception.Message))}");
    }

    [Fact]
    public void The_example_sites_file_holds_good_sites_and_tenants()
    {
        var (sites, problems) = SitesFile.Read(Path.Combine(RepositoryFolder.Root, "docs", "examples", "sites.psd1"));

        Assert.Empty(problems);
        Assert.Equal(new[] { "Production", "Test", "Development" }, sites.Where(site => site.Tenant == null).Select(site => site.Name));
        Assert.Equal(new[] { "Cloud EU", "Cloud US" }, sites.Where(site => site.Tenant != null).Select(site => site.Name));
    }
}

/// <summary>The text of a sites file, with {marker} where code would create the marker file; MayBeEmpty when it may list no site at all.</summary>
public sealed record SitesFileText(string Template, bool MayBeEmpty)
{
    public string Render(string marker) => Template.Replace("{marker}", marker.Replace("'", "''"), StringComparison.Ordinal);

    public override string ToString() => Template;
}

public static class SitesFileArbitraries
{
    public const string SecretValue = "S3cret-Value-Never-Shown";

    /// <summary>Code that would create the marker file if anything ran it.</summary>
    private static readonly string[] Code =
    {
        "$(Set-Content -Path '{marker}' -Value x)",
        "[System.IO.File]::WriteAllText('{marker}', 'x')",
        "& { Set-Content -Path '{marker}' -Value x }",
        "(New-Item -ItemType File -Path '{marker}')",
        "Invoke-Expression \"Set-Content -Path '{marker}' -Value x\"",
        "\"$(New-Item -ItemType File -Path '{marker}')\"",
        "@(Set-Content -Path '{marker}' -Value x)",
        "{ Set-Content -Path '{marker}' -Value x }",
        "$null = New-Item -ItemType File -Path '{marker}'",
        "function Get-Site { Set-Content -Path '{marker}' -Value x }",
    };

    private static readonly Gen<string> Values = Gen.OneOf(
        Gen.Elements("'qlik.example'", "'prod'", "\"double $quoted\"", "4242", "0", "70000", "-1", "$true", "$false", "$null", "@()", "@('a', 'b')",
            "@{}", "3.5", "'https://acme.eu.qlikcloud.com'", "'http://acme.eu.qlikcloud.com'",
            "'C:\\certs\\client.pfx'", "'relative\\pw.xml'", "0x10", "'AB12CD'", "@{ Nested = 1 }", "''", "'it''s'", "1kb"),
        Gen.Elements(Code));

    private static readonly Gen<string> Keys = Gen.Elements(
        "Name", "Server", "Port", "VirtualProxyPrefix", "CertificateThumbprint", "CertificatePath", "CertificatePasswordPath", "UserDirectory",
        "UserId", "CaCertificatePath", "TrustedCertificateThumbprint", "UseDefaultCredentials", "TimeoutSec", "name", "SERVER", "Colour",
        "Tenant", "ApiKeyPath", "ClientId", "ClientSecretPath", "Password", "ApiKey", "ClientSecret", "'Quoted Key'", "1");

    private static readonly Gen<string> Entry =
        from settings in Gen.Choose(0, 6).SelectMany(count => Gen.ListOf(
            from key in Keys
            from value in Values
            select key + " = " + (key is "Password" or "ApiKey" or "ClientSecret" ? $"'{SecretValue}'" : value), count))
        from separator in Gen.Elements("; ", "\n")
        select "@{ " + string.Join(separator, settings) + " }";

    private static readonly Gen<string> Junk = Gen.Choose(0, 40).SelectMany(length => Gen.ArrayOf(
        Gen.Elements("@{}()[];=,'\"$`#<>|&\n aZ0".ToCharArray()), length)).Select(characters => new string(characters));

    public static Arbitrary<SitesFileText> Texts()
    {
        var wellFormed =
            from entries in Gen.Choose(0, 4).SelectMany(count => Gen.ListOf(Gen.Frequency((6, Entry), (1, Values)), count))
            from list in Gen.Elements("@({0})", "{0}")
            select new SitesFileText("@{ Sites = " + string.Format(list, string.Join(", ", entries)) + " }", entries.Count == 0);
        var spliced =
            from file in wellFormed
            from insert in Gen.Frequency((2, Gen.Elements(Code)), (1, Junk))
            from position in Gen.Choose(0, int.MaxValue)
            select new SitesFileText(file.Template.Insert(position % (file.Template.Length + 1), insert), true);
        var statements =
            from code in Gen.Elements(Code)
            from file in wellFormed
            from first in Gen.Elements(true, false)
            select new SitesFileText(first ? code + "\n" + file.Template : file.Template + "\n" + code, file.MayBeEmpty);
        var random = Junk.Select(text => new SitesFileText(text, false));
        return Gen.Frequency((3, wellFormed), (3, spliced), (1, statements), (1, random)).ToArbitrary();
    }
}
