namespace QlikLicense.HelpBuilder;

/// <summary>One cmdlet's help as read from a platyPS schema 2.0.0 page; paragraphs become maml:para elements.</summary>
public sealed record CommandHelp(
    string Name,
    string ExternalHelpFile,
    string OnlineVersion,
    IReadOnlyList<string> Synopsis,
    IReadOnlyList<string> Description,
    IReadOnlyList<SyntaxItem> Syntax,
    IReadOnlyList<ParameterHelp> Parameters,
    IReadOnlyList<TypeHelp> Inputs,
    IReadOnlyList<TypeHelp> Outputs,
    IReadOnlyList<string> Notes,
    IReadOnlyList<ExampleHelp> Examples,
    IReadOnlyList<RelatedLink> RelatedLinks);

/// <summary>One parameter set as Get-Help shows it in SYNTAX; an unnamed set stands for the only set.</summary>
public sealed record SyntaxItem(string ParameterSetName, bool IsDefault, IReadOnlyList<ParameterHelp> Parameters);

/// <summary>
/// A parameter with the metadata of one of its yaml blocks. A parameter whose metadata differs between
/// parameter sets has one block per distinct metadata; the first is what the PARAMETERS section shows.
/// </summary>
public sealed record ParameterHelp(string Name, IReadOnlyList<string> Description, ParameterMetadata Metadata);

public sealed record ParameterMetadata(
    string Type,
    IReadOnlyList<string> ParameterSets,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> AcceptedValues,
    bool Required,
    string Position,
    string? DefaultValue,
    string PipelineInput,
    bool AcceptsWildcards)
{
    public const string AllParameterSets = "(All)";
    public const string NamedPosition = "named";

    public bool IsSwitch => Type == "SwitchParameter" || Type == "System.Management.Automation.SwitchParameter";

    public bool AppliesTo(string parameterSetName) =>
        ParameterSets.Any(set => string.Equals(set, parameterSetName, StringComparison.OrdinalIgnoreCase));
}

/// <summary>An input or output type with what it means.</summary>
public sealed record TypeHelp(string TypeName, IReadOnlyList<string> Description);

public sealed record ExampleHelp(string Title, string Code, IReadOnlyList<string> Remarks);

/// <summary>A RELATED LINKS entry; Uri is empty when the link is not absolute (e.g. another page of these docs).</summary>
public sealed record RelatedLink(string Text, string Uri);

/// <summary>An about_ topic: its lookup name (about_X) and the rendered text file content.</summary>
public sealed record AboutTopic(string Name, string Text);
