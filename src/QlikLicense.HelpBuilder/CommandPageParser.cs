using Markdig.Extensions.Yaml;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace QlikLicense.HelpBuilder;

/// <summary>
/// Reads one cmdlet page in platyPS markdown schema 2.0.0 (front matter, "# Name", level-2 sections,
/// level-3 entries for parameter sets, parameters, examples and types) and checks it as strictly as platyPS's
/// New-ExternalHelp does, plus what our help needs: every section present and every parameter described by yaml.
/// </summary>
public static class CommandPageParser
{
    public const string SchemaVersion = "2.0.0";

    private const string DefaultSetSuffix = " (Default)";

    private static readonly string[] RequiredSections =
        { "SYNOPSIS", "SYNTAX", "DESCRIPTION", "EXAMPLES", "PARAMETERS", "INPUTS", "OUTPUTS", "RELATED LINKS" };

    private static readonly HashSet<string> KnownSections = new(RequiredSections.Append("NOTES"));

    // platyPS documents the common parameters with these entries; their text is not part of the MAML.
    private static readonly HashSet<string> CommonParameterEntries =
        new(StringComparer.OrdinalIgnoreCase) { "CommonParameters", "WorkflowCommonParameters" };

    public static CommandHelp Parse(string markdown, string filePath)
    {
        var blocks = MarkdownText.ParseBlocks(markdown);
        var frontMatter = ReadFrontMatter(blocks, filePath);
        var body = blocks.Skip(1).ToList();

        if (body.Count == 0 || body[0] is not HeadingBlock { Level: 1 } title)
        {
            throw new HelpSchemaException(filePath, body.Count == 0 ? 1 : MarkdownText.LineOf(body[0]), "Expected '# <Command name>' after the front matter.");
        }

        var name = MarkdownText.HeadingText(title);
        var expectedName = Path.GetFileNameWithoutExtension(filePath);
        if (name != expectedName)
        {
            throw new HelpSchemaException(filePath, MarkdownText.LineOf(title), $"The page documents '{name}' but is named '{expectedName}.md'; platyPS keeps each command in <Command-Name>.md.");
        }

        var sections = SplitSections(body.Skip(1).ToList(), filePath, title);
        var syntax = ParseSyntaxSection(sections["SYNTAX"], filePath);
        var parameters = ParseParametersSection(sections["PARAMETERS"], filePath);
        var onlineVersion = frontMatter.TryGetValue("online version", out var online) ? online : string.Empty;

        return new CommandHelp(
            name,
            frontMatter["external help file"],
            onlineVersion,
            RequireText(sections["SYNOPSIS"], filePath),
            RequireText(sections["DESCRIPTION"], filePath),
            GatherSyntax(syntax, parameters, filePath),
            parameters.Select(parameter => parameter.First).ToList(),
            ParseTypes(sections["INPUTS"], filePath),
            ParseTypes(sections["OUTPUTS"], filePath),
            sections.TryGetValue("NOTES", out var notes) ? MarkdownText.Paragraphs(notes.Body, filePath, "NOTES") : Array.Empty<string>(),
            ParseExamples(sections["EXAMPLES"], filePath),
            ParseRelatedLinks(sections["RELATED LINKS"], filePath, onlineVersion));
    }

    private static IReadOnlyDictionary<string, string> ReadFrontMatter(IReadOnlyList<Block> blocks, string filePath)
    {
        if (blocks.Count == 0 || blocks[0] is not YamlFrontMatterBlock frontMatterBlock)
        {
            throw new HelpSchemaException(filePath, 1, $"Missing the front matter ('---', 'schema: {SchemaVersion}', 'external help file: ...', '---') that opens a platyPS page.");
        }

        var frontMatter = MarkdownText.ReadFrontMatter(frontMatterBlock, filePath);
        if (!frontMatter.TryGetValue("schema", out var schema) || schema != SchemaVersion)
        {
            throw new HelpSchemaException(filePath, 1, $"The front matter must say 'schema: {SchemaVersion}'.");
        }

        if (!frontMatter.TryGetValue("external help file", out var helpFile) || !helpFile.EndsWith("-Help.xml", StringComparison.OrdinalIgnoreCase))
        {
            throw new HelpSchemaException(filePath, 1, "The front matter must name the MAML file, e.g. 'external help file: QlikLicense.dll-Help.xml'.");
        }

        return frontMatter;
    }

    private sealed record Section(HeadingBlock Heading, List<Block> Body);

    private static Dictionary<string, Section> SplitSections(List<Block> blocks, string filePath, HeadingBlock title)
    {
        var sections = new Dictionary<string, Section>();
        Section? current = null;
        foreach (var block in blocks)
        {
            if (block is HeadingBlock { Level: <= 2 } heading)
            {
                var text = MarkdownText.HeadingText(heading);
                if (heading.Level == 1)
                {
                    throw new HelpSchemaException(filePath, MarkdownText.LineOf(heading), $"A second '# {text}': a page documents one command.");
                }

                var sectionName = text.ToUpperInvariant();
                if (!KnownSections.Contains(sectionName))
                {
                    throw new HelpSchemaException(filePath, MarkdownText.LineOf(heading), $"Unexpected section '## {text}'; platyPS knows {string.Join(", ", KnownSections)}.");
                }

                if (sections.ContainsKey(sectionName))
                {
                    throw new HelpSchemaException(filePath, MarkdownText.LineOf(heading), $"Section '## {sectionName}' appears twice.");
                }

                current = new Section(heading, new List<Block>());
                sections.Add(sectionName, current);
            }
            else if (current == null)
            {
                throw new HelpSchemaException(filePath, MarkdownText.LineOf(block), "Expected a '## SYNOPSIS' section after the command name.");
            }
            else
            {
                current.Body.Add(block);
            }
        }

        foreach (var required in RequiredSections)
        {
            if (!sections.ContainsKey(required))
            {
                throw new HelpSchemaException(filePath, MarkdownText.LineOf(title), $"Missing the '## {required}' section.");
            }
        }

        return sections;
    }

    private static IReadOnlyList<string> RequireText(Section section, string filePath)
    {
        var name = MarkdownText.HeadingText(section.Heading).ToUpperInvariant();
        var paragraphs = MarkdownText.Paragraphs(section.Body, filePath, name);
        if (paragraphs.All(string.IsNullOrWhiteSpace))
        {
            throw new HelpSchemaException(filePath, MarkdownText.LineOf(section.Heading), $"The '## {name}' section is empty.");
        }

        return paragraphs;
    }

    /// <summary>Level-3 entries of a section: each heading with the blocks under it.</summary>
    private static List<Section> Entries(Section section, string filePath)
    {
        var entries = new List<Section>();
        foreach (var block in section.Body)
        {
            if (block is HeadingBlock { Level: 3 } heading)
            {
                entries.Add(new Section(heading, new List<Block>()));
            }
            else if (block is HeadingBlock other)
            {
                throw new HelpSchemaException(filePath, MarkdownText.LineOf(other), $"Expected a level-3 heading ('### ...') in '## {MarkdownText.HeadingText(section.Heading)}', found level {other.Level}.");
            }
            else if (entries.Count == 0)
            {
                throw new HelpSchemaException(filePath, MarkdownText.LineOf(block), $"'## {MarkdownText.HeadingText(section.Heading)}' must start with a '### ...' entry.");
            }
            else
            {
                entries[^1].Body.Add(block);
            }
        }

        return entries;
    }

    private sealed record SyntaxSet(string Name, bool IsDefault, int Line);

    private static List<SyntaxSet> ParseSyntaxSection(Section section, string filePath)
    {
        // A lone code block (no set heading) means the command has a single parameter set.
        if (section.Body.Count == 1 && section.Body[0] is CodeBlock)
        {
            return new List<SyntaxSet>();
        }

        var sets = new List<SyntaxSet>();
        foreach (var entry in Entries(section, filePath))
        {
            var heading = MarkdownText.HeadingText(entry.Heading);
            var isDefault = heading.EndsWith(DefaultSetSuffix, StringComparison.Ordinal);
            var setName = isDefault ? heading.Substring(0, heading.Length - DefaultSetSuffix.Length).Trim() : heading;
            if (entry.Body.Count != 1 || entry.Body[0] is not CodeBlock)
            {
                throw new HelpSchemaException(filePath, MarkdownText.LineOf(entry.Heading), $"Parameter set '{setName}' in SYNTAX must be followed by exactly one code block.");
            }

            if (sets.Any(set => string.Equals(set.Name, setName, StringComparison.OrdinalIgnoreCase)))
            {
                throw new HelpSchemaException(filePath, MarkdownText.LineOf(entry.Heading), $"Parameter set '{setName}' appears twice in SYNTAX.");
            }

            sets.Add(new SyntaxSet(setName, isDefault, MarkdownText.LineOf(entry.Heading)));
        }

        if (sets.Count == 0)
        {
            throw new HelpSchemaException(filePath, MarkdownText.LineOf(section.Heading), "SYNTAX needs a code block, or one '### <ParameterSetName>' and code block per parameter set.");
        }

        if (sets.Count(set => set.IsDefault) > 1)
        {
            throw new HelpSchemaException(filePath, MarkdownText.LineOf(section.Heading), "More than one parameter set is marked '(Default)'.");
        }

        return sets;
    }

    private sealed record ParameterEntry(ParameterHelp First, IReadOnlyList<ParameterHelp> Variants, int Line);

    private static List<ParameterEntry> ParseParametersSection(Section section, string filePath)
    {
        var parameters = new List<ParameterEntry>();
        foreach (var entry in Entries(section, filePath))
        {
            var name = MarkdownText.HeadingText(entry.Heading).TrimStart('-');
            if (CommonParameterEntries.Contains(name))
            {
                continue;
            }

            if (parameters.Any(parameter => string.Equals(parameter.First.Name, name, StringComparison.OrdinalIgnoreCase)))
            {
                throw new HelpSchemaException(filePath, MarkdownText.LineOf(entry.Heading), $"Parameter -{name} is documented twice.");
            }

            var firstYaml = entry.Body.FindIndex(MarkdownText.IsYamlBlock);
            if (firstYaml < 0)
            {
                throw new HelpSchemaException(filePath, MarkdownText.LineOf(entry.Heading), $"Parameter -{name} has no ```yaml block with its metadata (Type, Parameter Sets, Required, Position, ...).");
            }

            var description = MarkdownText.Paragraphs(entry.Body.Take(firstYaml), filePath, $"parameter -{name}");
            var variants = new List<ParameterHelp>();
            foreach (var block in entry.Body.Skip(firstYaml))
            {
                if (!MarkdownText.IsYamlBlock(block))
                {
                    throw new HelpSchemaException(filePath, MarkdownText.LineOf(block), $"Parameter -{name}: only further ```yaml blocks may follow its metadata; put the description before the first one.");
                }

                variants.Add(new ParameterHelp(name, description, ParameterMetadataParser.Parse((FencedCodeBlock)block, filePath)));
            }

            parameters.Add(new ParameterEntry(variants[0], variants, MarkdownText.LineOf(entry.Heading)));
        }

        return parameters;
    }

    /// <summary>
    /// Builds SYNTAX from the parameters' metadata as platyPS does (the markdown's syntax blocks are only
    /// display), in the order the page lists the sets, each set's parameters ordered by position.
    /// </summary>
    private static IReadOnlyList<SyntaxItem> GatherSyntax(List<SyntaxSet> sets, List<ParameterEntry> parameters, string filePath)
    {
        var knownSets = sets.Select(set => set.Name).ToList();
        foreach (var parameter in parameters)
        {
            foreach (var set in parameter.Variants.SelectMany(variant => variant.Metadata.ParameterSets))
            {
                if (set != ParameterMetadata.AllParameterSets && !knownSets.Contains(set, StringComparer.OrdinalIgnoreCase))
                {
                    throw new HelpSchemaException(filePath, parameter.Line, $"Parameter -{parameter.First.Name} names parameter set '{set}', which SYNTAX does not list.");
                }
            }
        }

        if (sets.Count == 0)
        {
            return new[] { new SyntaxItem(string.Empty, true, OrderByPosition(parameters.Select(parameter => parameter.First))) };
        }

        return sets.Select(set =>
        {
            var members = parameters
                .Select(parameter =>
                    parameter.Variants.FirstOrDefault(variant => variant.Metadata.AppliesTo(set.Name))
                    ?? parameter.Variants.FirstOrDefault(variant => variant.Metadata.AppliesTo(ParameterMetadata.AllParameterSets)))
                .OfType<ParameterHelp>();
            return new SyntaxItem(set.Name, set.IsDefault, OrderByPosition(members));
        }).ToList();
    }

    private static IReadOnlyList<ParameterHelp> OrderByPosition(IEnumerable<ParameterHelp> parameters) =>
        parameters
            .OrderBy(parameter => int.TryParse(parameter.Metadata.Position, out var position) ? position : int.MaxValue)
            .ToList();

    private static IReadOnlyList<TypeHelp> ParseTypes(Section section, string filePath)
    {
        var sectionName = MarkdownText.HeadingText(section.Heading).ToUpperInvariant();
        var types = Entries(section, filePath)
            .Select(entry => new TypeHelp(MarkdownText.HeadingText(entry.Heading), MarkdownText.Paragraphs(entry.Body, filePath, sectionName)))
            .ToList();
        if (types.Count == 0)
        {
            throw new HelpSchemaException(filePath, MarkdownText.LineOf(section.Heading), $"'## {sectionName}' needs at least one '### <Type name>' entry ('### None' when there is none).");
        }

        return types;
    }

    private static IReadOnlyList<ExampleHelp> ParseExamples(Section section, string filePath)
    {
        var examples = new List<ExampleHelp>();
        foreach (var entry in Entries(section, filePath))
        {
            var title = MarkdownText.HeadingText(entry.Heading);

            // platyPS's grammar: introduction, then one or more code blocks, then remarks.
            var firstCode = entry.Body.FindIndex(block => block is CodeBlock);
            if (firstCode < 0)
            {
                throw new HelpSchemaException(filePath, MarkdownText.LineOf(entry.Heading), $"Example '{title}' has no code block.");
            }

            var codeBlocks = entry.Body.Skip(firstCode).TakeWhile(block => block is CodeBlock).Cast<CodeBlock>().ToList();
            var remarks = entry.Body.Skip(firstCode + codeBlocks.Count).ToList();
            var strayCode = remarks.FirstOrDefault(block => block is CodeBlock);
            if (strayCode != null)
            {
                throw new HelpSchemaException(filePath, MarkdownText.LineOf(strayCode), $"Example '{title}': its code blocks must be consecutive (introduction, code, remarks).");
            }

            // platyPS drops the introduction from MAML; we keep it, ahead of the remarks, so no text is lost.
            var paragraphs = MarkdownText.Paragraphs(entry.Body.Take(firstCode).Concat(remarks), filePath, $"example '{title}'");
            examples.Add(new ExampleHelp(title, string.Join("\r\n\r\n", codeBlocks.Select(MarkdownText.CodeOf)), paragraphs));
        }

        if (examples.Count == 0)
        {
            throw new HelpSchemaException(filePath, MarkdownText.LineOf(section.Heading), "'## EXAMPLES' needs at least one '### Example 1: ...' entry.");
        }

        return examples;
    }

    private static IReadOnlyList<RelatedLink> ParseRelatedLinks(Section section, string filePath, string onlineVersion)
    {
        var links = new List<RelatedLink>();

        // Get-Help -Online opens the first link with an address; platyPS puts the page's online version there.
        if (Uri.TryCreate(onlineVersion, UriKind.Absolute, out _))
        {
            links.Add(new RelatedLink("Online Version:", onlineVersion));
        }

        foreach (var block in section.Body)
        {
            var paragraphs = block switch
            {
                ParagraphBlock paragraph => new[] { paragraph },
                ListBlock list => list.OfType<ListItemBlock>().SelectMany(item => item.OfType<ParagraphBlock>()).ToArray(),
                _ => throw new HelpSchemaException(filePath, MarkdownText.LineOf(block), "RELATED LINKS holds only links: '[Text](address)'."),
            };

            foreach (var paragraph in paragraphs)
            {
                // Markdig does not locate inlines, so count the line breaks passed to point at the offending line.
                var line = MarkdownText.LineOf(paragraph);
                foreach (var inline in paragraph.Inline ?? new ContainerInline())
                {
                    switch (inline)
                    {
                        case LinkInline { IsImage: false } link:
                            var text = string.Join(" ", MarkdownText.InlineLines(link));
                            var uri = Uri.TryCreate(link.Url, UriKind.Absolute, out _) ? link.Url : string.Empty;
                            links.Add(new RelatedLink(text.Length > 0 ? text : link.Url ?? string.Empty, uri));
                            break;
                        case AutolinkInline autolink:
                            links.Add(new RelatedLink(autolink.Url, autolink.Url));
                            break;
                        case LineBreakInline:
                            line++;
                            break;
                        case LiteralInline literal when literal.Content.IsEmptyOrWhitespace():
                            break;
                        default:
                            throw new HelpSchemaException(filePath, line, $"RELATED LINKS holds only links: '[Text](address)', found '{inline}'.");
                    }
                }
            }
        }

        return links;
    }
}
