using System.Text;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;

namespace QlikLicense.HelpBuilder;

/// <summary>
/// Turns a platyPS about topic ("# Title", "## about_Name", then "# SHORT DESCRIPTION", "# LONG DESCRIPTION",
/// ...) into the about_Name.help.txt layout platyPS renders: "TOPIC", the name in lower case, upper-case
/// section headings, and body text indented by four spaces and wrapped at 80 columns.
/// </summary>
public static class AboutTopicConverter
{
    private const int LineWidth = 80;
    private const string Indent = "    ";
    private const string NewLine = "\r\n";

    private static readonly string[] RequiredSections = { "SHORT DESCRIPTION", "LONG DESCRIPTION" };

    public static AboutTopic Convert(string markdown, string filePath)
    {
        var blocks = MarkdownText.ParseBlocks(markdown).Where(block => block is not YamlFrontMatterBlock).ToList();
        if (blocks.Count < 2 || blocks[0] is not HeadingBlock { Level: 1 } || blocks[1] is not HeadingBlock { Level: 2 } nameHeading)
        {
            throw new HelpSchemaException(filePath, blocks.Count == 0 ? 1 : MarkdownText.LineOf(blocks[0]), "An about topic starts with '# <Topic title>' and then '## about_<Name>'.");
        }

        var name = MarkdownText.HeadingText(nameHeading);
        var expectedName = Path.GetFileNameWithoutExtension(filePath);
        if (!string.Equals(name, expectedName, StringComparison.OrdinalIgnoreCase) || !name.StartsWith("about_", StringComparison.OrdinalIgnoreCase))
        {
            throw new HelpSchemaException(filePath, MarkdownText.LineOf(nameHeading), $"The lookup name '## {name}' must be the file's name, '{expectedName}'.");
        }

        var sectionHeadings = blocks.Skip(2).OfType<HeadingBlock>().Where(heading => heading.Level == 1).ToList();
        foreach (var required in RequiredSections)
        {
            var heading = sectionHeadings.FirstOrDefault(candidate => MarkdownText.HeadingText(candidate).ToUpperInvariant() == required);
            if (heading == null)
            {
                throw new HelpSchemaException(filePath, MarkdownText.LineOf(nameHeading), $"Missing the '# {required}' section.");
            }

            var next = blocks.IndexOf(heading) + 1;
            if (next >= blocks.Count || blocks[next] is HeadingBlock)
            {
                throw new HelpSchemaException(filePath, MarkdownText.LineOf(heading), $"The '# {required}' section is empty.");
            }
        }

        var text = new StringBuilder();
        text.Append("TOPIC").Append(NewLine);
        text.Append(Indent).Append(name.ToLowerInvariant()).Append(NewLine).Append(NewLine);
        foreach (var block in blocks.Skip(2))
        {
            AppendBlock(block, text, filePath);
        }

        return new AboutTopic(name, text.ToString().TrimEnd() + NewLine);
    }

    private static void AppendBlock(Block block, StringBuilder text, string filePath)
    {
        switch (block)
        {
            case HeadingBlock { Level: 1 } heading:
                text.Append(MarkdownText.HeadingText(heading).ToUpperInvariant()).Append(NewLine);
                break;
            case HeadingBlock { Level: 2 } heading:
                text.Append(MarkdownText.HeadingText(heading)).Append(NewLine);
                break;
            case HeadingBlock heading:
                text.Append(Indent).Append(MarkdownText.HeadingText(heading).ToUpperInvariant()).Append(NewLine);
                break;
            case ParagraphBlock paragraph:
                foreach (var line in MarkdownText.InlineLines(paragraph.Inline))
                {
                    AppendWrapped(line, Indent, Indent, text);
                }

                text.Append(NewLine);
                break;
            case CodeBlock code:
                foreach (var line in MarkdownText.LinesOf(code))
                {
                    text.Append((Indent + line).TrimEnd()).Append(NewLine);
                }

                text.Append(NewLine);
                break;
            case ListBlock list:
                var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var bullet = list.IsOrdered ? $"{number++}. " : "- ";
                    var paragraphs = MarkdownText.Paragraphs(item, filePath, "the list");
                    var continuation = Indent + new string(' ', bullet.Length);
                    for (var index = 0; index < paragraphs.Count; index++)
                    {
                        AppendWrapped(paragraphs[index], index == 0 ? Indent + bullet : continuation, continuation, text);
                    }
                }

                text.Append(NewLine);
                break;
            default:
                throw new HelpSchemaException(filePath, MarkdownText.LineOf(block), $"An about topic holds headings, paragraphs, lists and code blocks only, not {block.GetType().Name}.");
        }
    }

    /// <summary>Word-wraps one line of text to the help file's width; a word longer than a line stays whole.</summary>
    private static void AppendWrapped(string line, string firstIndent, string nextIndent, StringBuilder text)
    {
        var current = new StringBuilder(firstIndent);
        var lineHasWord = false;
        foreach (var word in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (lineHasWord && current.Length + 1 + word.Length > LineWidth)
            {
                text.Append(current).Append(NewLine);
                current.Clear().Append(nextIndent);
                lineHasWord = false;
            }

            if (lineHasWord)
            {
                current.Append(' ');
            }

            current.Append(word);
            lineHasWord = true;
        }

        text.Append(current.ToString().TrimEnd()).Append(NewLine);
    }
}
