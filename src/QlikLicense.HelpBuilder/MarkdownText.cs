using System.Text;
using Markdig;
using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace QlikLicense.HelpBuilder;

/// <summary>Reads markdown with Markdig and turns its blocks into the plain paragraphs that console help shows.</summary>
internal static class MarkdownText
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().UseYamlFrontMatter().Build();

    /// <summary>Top-level blocks of a page, without the link reference definitions that carry no text.</summary>
    public static IReadOnlyList<Block> ParseBlocks(string markdown) =>
        Markdown.Parse(markdown, Pipeline).Where(block => block is not LinkReferenceDefinitionGroup).ToList();

    /// <summary>1-based line of a block, for error messages.</summary>
    public static int LineOf(Block block) => block.Line + 1;

    /// <summary>
    /// The "key: value" pairs of a front matter block. platyPS reads it as flat key-value pairs too;
    /// a line that is not one is reported rather than guessed at.
    /// </summary>
    public static IReadOnlyDictionary<string, string> ReadFrontMatter(YamlFrontMatterBlock frontMatter, string filePath)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        var lines = LinesOf(frontMatter);
        for (var index = 0; index < lines.Count; index++)
        {
            var line = lines[index];
            if (line.Trim().Length == 0 || line.Trim() == "---")
            {
                continue;
            }

            var colon = line.IndexOf(':');
            if (colon <= 0)
            {
                throw new HelpSchemaException(filePath, LineOf(frontMatter) + index, $"Front matter line '{line.Trim()}' is not a 'key: value' pair.");
            }

            values[line.Substring(0, colon).Trim()] = line.Substring(colon + 1).Trim();
        }

        return values;
    }

    /// <summary>The raw source lines of a leaf block (a code block's body, a front matter's pairs).</summary>
    public static IReadOnlyList<string> LinesOf(LeafBlock block)
    {
        var lines = new List<string>(block.Lines.Count);
        for (var index = 0; index < block.Lines.Count; index++)
        {
            lines.Add(block.Lines.Lines[index].Slice.ToString());
        }

        return lines;
    }

    public static string CodeOf(LeafBlock block) => string.Join("\r\n", LinesOf(block));

    public static bool IsYamlBlock(Block block) =>
        block is FencedCodeBlock fenced && string.Equals(fenced.Info, "yaml", StringComparison.OrdinalIgnoreCase);

    /// <summary>The text of a heading, without markdown markup.</summary>
    public static string HeadingText(HeadingBlock heading) => string.Join(" ", InlineLines(heading.Inline)).Trim();

    /// <summary>
    /// Paragraphs of a run of body blocks. Each markdown paragraph is one paragraph (the console wraps it);
    /// list items keep a bullet and are followed by an empty paragraph, as platyPS does, so the text after a
    /// list does not run into it; code lines stay one per paragraph so their layout survives.
    /// </summary>
    public static IReadOnlyList<string> Paragraphs(IEnumerable<Block> blocks, string filePath, string sectionName)
    {
        var paragraphs = new List<string>();
        foreach (var block in blocks)
        {
            AddParagraphs(block, paragraphs, filePath, sectionName);
        }

        return paragraphs;
    }

    private static void AddParagraphs(Block block, List<string> paragraphs, string filePath, string sectionName)
    {
        switch (block)
        {
            case ParagraphBlock paragraph:
                paragraphs.AddRange(InlineLines(paragraph.Inline));
                break;
            case CodeBlock code:
                paragraphs.AddRange(LinesOf(code).Select(line => "    " + line));
                break;
            case ListBlock list:
                var number = int.TryParse(list.OrderedStart, out var start) ? start : 1;
                foreach (var item in list.OfType<ListItemBlock>())
                {
                    var bullet = list.IsOrdered ? $"{number++}. " : "- ";
                    var itemParagraphs = Paragraphs(item, filePath, sectionName);
                    for (var index = 0; index < itemParagraphs.Count; index++)
                    {
                        paragraphs.Add((index == 0 ? bullet : new string(' ', bullet.Length)) + itemParagraphs[index]);
                    }
                }

                paragraphs.Add(string.Empty);
                break;
            case QuoteBlock quote:
                paragraphs.AddRange(Paragraphs(quote, filePath, sectionName));
                break;
            case LinkReferenceDefinitionGroup:
                break;
            case HeadingBlock heading:
                throw new HelpSchemaException(filePath, LineOf(block), $"Unexpected level-{heading.Level} heading '{HeadingText(heading)}' in {sectionName}.");
            default:
                throw new HelpSchemaException(filePath, LineOf(block), $"{sectionName} holds markdown that help text cannot show ({block.GetType().Name}); use paragraphs, lists or code blocks.");
        }
    }

    /// <summary>
    /// Lines of inline text: soft line breaks join words, hard breaks start a new line. Inline code keeps its
    /// backticks (platyPS keeps markdown as written); a link shows its text and its address. No inlines, no lines.
    /// </summary>
    public static IReadOnlyList<string> InlineLines(ContainerInline? inline)
    {
        var lines = new List<string>();
        var current = new StringBuilder();
        AppendInlines(inline, current, lines);
        lines.Add(current.ToString());
        return lines.Select(line => line.Trim()).Where(line => line.Length > 0).ToList();
    }

    private static void AppendInlines(ContainerInline? container, StringBuilder current, List<string> lines)
    {
        if (container == null)
        {
            return;
        }

        foreach (var inline in container)
        {
            switch (inline)
            {
                case LiteralInline literal:
                    current.Append(literal.Content.ToString());
                    break;
                case CodeInline code:
                    current.Append('`').Append(code.Content).Append('`');
                    break;
                case LineBreakInline lineBreak when lineBreak.IsHard:
                    lines.Add(current.ToString());
                    current.Clear();
                    break;
                case LineBreakInline:
                    current.Append(' ');
                    break;
                case AutolinkInline autolink:
                    current.Append(autolink.Url);
                    break;
                case LinkInline link:
                    var text = new StringBuilder();
                    AppendInlines(link, text, lines);
                    current.Append(text);
                    if (!link.IsImage && !string.IsNullOrEmpty(link.Url) && link.Url != text.ToString())
                    {
                        current.Append(" (").Append(link.Url).Append(')');
                    }

                    break;
                case HtmlEntityInline entity:
                    current.Append(entity.Transcoded.ToString());
                    break;
                case HtmlInline html:
                    current.Append(html.Tag);
                    break;
                case ContainerInline nested:
                    AppendInlines(nested, current, lines);
                    break;
            }
        }
    }
}
