using System.Text;
using System.Xml;

namespace QlikLicense.HelpBuilder;

/// <summary>
/// Converts a folder of platyPS pages (one per cmdlet, plus about_*.md topics) into the module's help
/// folder: one MAML file per 'external help file' named in the pages, and one about_*.help.txt per topic.
/// Every page is checked before anything is written, so a malformed page never leaves half-built help.
/// </summary>
public static class HelpFolderConverter
{
    // UTF-8 with a byte order mark: Windows PowerShell 5.1 reads a help text file without one as ANSI.
    private static readonly Encoding HelpEncoding = new UTF8Encoding(encoderShouldEmitUTF8Identifier: true);

    /// <summary>Converts the folder and returns the files written; throws <see cref="AggregateException"/>
    /// of <see cref="HelpSchemaException"/>, one per malformed page.</summary>
    public static IReadOnlyList<string> Convert(string docsFolder, string outputFolder)
    {
        var pages = Directory.GetFiles(docsFolder, "*.md").OrderBy(path => path, StringComparer.Ordinal).ToList();
        var commands = new List<CommandHelp>();
        var topics = new List<AboutTopic>();
        var errors = new List<HelpSchemaException>();

        foreach (var page in pages)
        {
            try
            {
                var markdown = File.ReadAllText(page);
                if (Path.GetFileName(page).StartsWith("about_", StringComparison.OrdinalIgnoreCase))
                {
                    topics.Add(AboutTopicConverter.Convert(markdown, page));
                }
                else
                {
                    commands.Add(CommandPageParser.Parse(markdown, page));
                }
            }
            catch (HelpSchemaException error)
            {
                errors.Add(error);
            }
        }

        if (errors.Count == 0 && commands.Count == 0)
        {
            errors.Add(new HelpSchemaException(Path.Combine(docsFolder, "*.md"), 1, "No cmdlet help page found."));
        }

        if (errors.Count > 0)
        {
            throw new AggregateException(errors);
        }

        Directory.CreateDirectory(outputFolder);
        var written = new List<string>();
        foreach (var helpFile in commands.GroupBy(command => command.ExternalHelpFile, StringComparer.OrdinalIgnoreCase))
        {
            var path = Path.Combine(outputFolder, helpFile.Key);
            WriteAtomically(path, stream =>
            {
                var settings = new XmlWriterSettings { Encoding = HelpEncoding, Indent = true, IndentChars = "  ", NewLineChars = "\r\n" };
                using var writer = XmlWriter.Create(stream, settings);
                MamlWriter.ToMaml(helpFile.OrderBy(command => command.Name, StringComparer.Ordinal)).Save(writer);
            });
            written.Add(path);
        }

        foreach (var topic in topics)
        {
            var path = Path.Combine(outputFolder, topic.Name + ".help.txt");
            WriteAtomically(path, stream =>
            {
                using var writer = new StreamWriter(stream, HelpEncoding);
                writer.Write(topic.Text);
            });
            written.Add(path);
        }

        return written;
    }

    // A concurrent reader (an open PowerShell session, a parallel build) sees either the old file or the new one.
    private static void WriteAtomically(string path, Action<Stream> write)
    {
        var temporary = path + ".tmp";
        using (var stream = File.Create(temporary))
        {
            write(stream);
        }

        File.Move(temporary, path, overwrite: true);
    }
}
