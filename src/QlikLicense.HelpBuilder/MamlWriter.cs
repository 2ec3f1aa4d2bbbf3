using System.Xml.Linq;

namespace QlikLicense.HelpBuilder;

/// <summary>
/// Writes commands as the MAML that platyPS's New-ExternalHelp produces (helpItems/command:command with
/// details, description, syntax, parameters, inputTypes, returnValues, alertSet, examples, relatedLinks),
/// element for element, so Get-Help reads it the same way.
/// </summary>
public static class MamlWriter
{
    private static readonly XNamespace Msh = "http://msh";
    private static readonly XNamespace Maml = "http://schemas.microsoft.com/maml/2004/10";
    private static readonly XNamespace Command = "http://schemas.microsoft.com/maml/dev/command/2004/10";
    private static readonly XNamespace Dev = "http://schemas.microsoft.com/maml/dev/2004/10";
    private static readonly XNamespace MsHelp = "http://msdn.microsoft.com/mshelp";

    private const int ExampleTitleWidth = 64;

    public static XDocument ToMaml(IEnumerable<CommandHelp> commands) =>
        new(
            new XDeclaration("1.0", "utf-8", null),
            new XElement(Msh + "helpItems", new XAttribute("schema", "maml"), commands.Select(CommandElement)));

    private static XElement CommandElement(CommandHelp command)
    {
        var verb = command.Name.Split('-')[0];
        var noun = command.Name.Substring(Math.Min(verb.Length + 1, command.Name.Length));

        return new XElement(Command + "command",
            new XAttribute(XNamespace.Xmlns + "maml", Maml),
            new XAttribute(XNamespace.Xmlns + "command", Command),
            new XAttribute(XNamespace.Xmlns + "dev", Dev),
            new XAttribute(XNamespace.Xmlns + "MSHelp", MsHelp),
            new XElement(Command + "details",
                new XElement(Command + "name", command.Name),
                new XElement(Command + "verb", verb),
                new XElement(Command + "noun", noun),
                new XElement(Maml + "description", Paragraphs(command.Synopsis))),
            new XElement(Maml + "description", Paragraphs(command.Description)),
            new XElement(Command + "syntax", command.Syntax.Select(item =>
                new XElement(Command + "syntaxItem",
                    new XElement(Maml + "name", command.Name),
                    item.Parameters.Select(parameter => ParameterElement(parameter, inSyntax: true))))),
            new XElement(Command + "parameters", command.Parameters.Select(parameter => ParameterElement(parameter, inSyntax: false))),
            new XElement(Command + "inputTypes", command.Inputs.Select(input =>
                new XElement(Command + "inputType", TypeElement(input), new XElement(Maml + "description", Paragraphs(input.Description))))),
            new XElement(Command + "returnValues", command.Outputs.Select(output =>
                new XElement(Command + "returnValue", TypeElement(output), new XElement(Maml + "description", Paragraphs(output.Description))))),
            new XElement(Maml + "alertSet", new XElement(Maml + "alert", Paragraphs(command.Notes))),
            new XElement(Command + "examples", command.Examples.Select(example =>
                new XElement(Command + "example",
                    new XElement(Maml + "title", PadExampleTitle(example.Title)),
                    new XElement(Dev + "code", example.Code),
                    new XElement(Dev + "remarks", Paragraphs(example.Remarks))))),
            new XElement(Command + "relatedLinks", command.RelatedLinks.Select(link =>
                new XElement(Maml + "navigationLink",
                    new XElement(Maml + "linkText", link.Text),
                    new XElement(Maml + "uri", link.Uri)))));
    }

    private static XElement ParameterElement(ParameterHelp parameter, bool inSyntax)
    {
        var metadata = parameter.Metadata;
        return new XElement(Command + "parameter",
            new XAttribute("required", metadata.Required),
            new XAttribute("variableLength", true),
            new XAttribute("globbing", metadata.AcceptsWildcards),
            new XAttribute("pipelineInput", metadata.PipelineInput),
            new XAttribute("position", metadata.Position),
            new XAttribute("aliases", metadata.Aliases.Count > 0 ? string.Join(", ", metadata.Aliases) : "none"),
            new XElement(Maml + "name", parameter.Name),
            new XElement(Maml + "Description", Paragraphs(parameter.Description)),
            inSyntax && metadata.AcceptedValues.Count > 0
                ? new XElement(Command + "parameterValueGroup", metadata.AcceptedValues.Select(value =>
                    new XElement(Command + "parameterValue",
                        new XAttribute("required", false),
                        new XAttribute(Command + "variableLength", false),
                        value)))
                : null,
            // Like platyPS: in SYNTAX a switch shows as [-Name], without a value placeholder.
            inSyntax && metadata.IsSwitch
                ? null
                : new XElement(Command + "parameterValue",
                    new XAttribute("required", !metadata.IsSwitch),
                    new XAttribute("variableLength", false),
                    metadata.Type),
            new XElement(Dev + "type",
                new XElement(Maml + "name", metadata.Type),
                new XElement(Maml + "uri")),
            new XElement(Dev + "defaultValue",
                metadata.IsSwitch && (metadata.DefaultValue == null || metadata.DefaultValue == "None")
                    ? "False"
                    : metadata.DefaultValue ?? "None"));
    }

    private static XElement TypeElement(TypeHelp type) =>
        new(Dev + "type", new XElement(Maml + "name", type.TypeName));

    private static IEnumerable<XElement> Paragraphs(IEnumerable<string> paragraphs) =>
        paragraphs.Select(paragraph => new XElement(Maml + "para", paragraph));

    /// <summary>platyPS centres example titles in dashes, as Windows PowerShell's own help does.</summary>
    private static string PadExampleTitle(string title)
    {
        if (string.IsNullOrWhiteSpace(title) || title.Length >= ExampleTitleWidth - 2)
        {
            return title;
        }

        var dashes = new string('-', (ExampleTitleWidth - title.Length - 2) / 2);
        return $"{dashes} {title} {dashes}";
    }
}
