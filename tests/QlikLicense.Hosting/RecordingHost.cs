using System.Collections.ObjectModel;
using System.Globalization;
using System.Management.Automation;
using System.Management.Automation.Host;
using System.Security;
using System.Text;

namespace QlikLicense.Hosting;

/// <summary>
/// A PowerShell host that records what a console would show (tables, What if: lines, warnings, errors,
/// progress, prompts) and answers prompts from a script of answers or, for the sandbox, from the console.
/// </summary>
public sealed class RecordingHost : PSHost
{
    private readonly RecordingHostUserInterface ui;

    /// <param name="colors">Echo PowerShell's ANSI colours to the console; recorded lines are always plain text.</param>
    public RecordingHost(bool echoToConsole = false, int width = 160, bool colors = false)
    {
        ui = new RecordingHostUserInterface(echoToConsole, width, colors);
    }

    /// <summary>Answers for PromptForChoice, by hot key ("Y", "A", "N", "L") or label; when empty, the console is asked if echoing, else the default is taken.</summary>
    public Queue<string> ChoiceAnswers => ui.ChoiceAnswers;

    public IReadOnlyList<HostLine> Lines => ui.Lines;

    public string Text => string.Join(Environment.NewLine, ui.Lines.Select(line => line.ToString()));

    public IEnumerable<string> LinesOf(HostStream stream) => ui.Lines.Where(line => line.Stream == stream).Select(line => line.Text);

    public void Clear() => ui.Clear();

    public override CultureInfo CurrentCulture => CultureInfo.CurrentCulture;
    public override CultureInfo CurrentUICulture => CultureInfo.CurrentUICulture;
    public override Guid InstanceId { get; } = Guid.NewGuid();
    public override string Name => "QlikLicenseHost";
    public override PSHostUserInterface UI => ui;
    public override Version Version => new(1, 0);
    public override void EnterNestedPrompt() => throw new NotSupportedException();
    public override void ExitNestedPrompt() => throw new NotSupportedException();
    public override void NotifyBeginApplication() { }
    public override void NotifyEndApplication() { }
    public override void SetShouldExit(int exitCode) { }
}

internal sealed class RecordingHostUserInterface : PSHostUserInterface
{
    private readonly List<HostLine> lines = new();
    private readonly StringBuilder partial = new();
    private static readonly System.Text.RegularExpressions.Regex Ansi = new(@"\x1b\[[0-9;?]*[A-Za-z]");
    private readonly bool echo;
    private readonly bool colors;
    private readonly RecordingRawUserInterface raw;
    private readonly object gate = new();

    public RecordingHostUserInterface(bool echo, int width, bool colors)
    {
        this.echo = echo;
        this.colors = colors;
        raw = new RecordingRawUserInterface(width);
    }

    public Queue<string> ChoiceAnswers { get; } = new();

    public IReadOnlyList<HostLine> Lines
    {
        get { lock (gate) return lines.ToList(); }
    }

    public void Clear()
    {
        lock (gate) lines.Clear();
    }

    public override PSHostRawUserInterface RawUI => raw;

    public override void Write(string value)
    {
        var plain = Ansi.Replace(value, string.Empty);
        lock (gate)
        {
            partial.Append(plain);
            var text = partial.ToString();
            var newline = text.LastIndexOf('\n');
            if (newline < 0) return;
            foreach (var line in text[..newline].Split('\n')) Add(HostStream.Output, line.TrimEnd('\r'), echoNow: false);
            partial.Clear().Append(text[(newline + 1)..]);
        }
        if (echo) Console.Write(colors ? value : plain);
    }

    public override void Write(ConsoleColor foregroundColor, ConsoleColor backgroundColor, string value) => Write(value);

    public override void WriteLine(string value) => Write(value + "\n");

    public override void WriteErrorLine(string value) => Add(HostStream.Error, value);
    public override void WriteWarningLine(string message) => Add(HostStream.Warning, "WARNING: " + message);
    public override void WriteVerboseLine(string message) => Add(HostStream.Verbose, "VERBOSE: " + message);
    public override void WriteDebugLine(string message) => Add(HostStream.Debug, "DEBUG: " + message);
    // Information meant for the host (Write-Host, PSHOST tag) arrives through Write/WriteLine as well; this only records.
    public override void WriteInformation(InformationRecord record) { }

    public override void WriteProgress(long sourceId, ProgressRecord record) =>
        Add(HostStream.Progress, $"{record.Activity}: {record.StatusDescription} ({record.PercentComplete}%){(record.RecordType == ProgressRecordType.Completed ? " completed" : string.Empty)}", echoNow: false);

    public override int PromptForChoice(string caption, string message, Collection<ChoiceDescription> choices, int defaultChoice)
    {
        Add(HostStream.Prompt, $"{caption} | {message} | {string.Join(" ", choices.Select(choice => "[" + HotKey(choice) + "] " + choice.Label.Replace("&", string.Empty)))}");
        string answer;
        lock (gate) answer = ChoiceAnswers.Count > 0 ? ChoiceAnswers.Dequeue() : null;
        if (answer == null && echo) answer = Console.ReadLine();
        if (string.IsNullOrWhiteSpace(answer)) return defaultChoice;
        for (var index = 0; index < choices.Count; index++)
        {
            var label = choices[index].Label.Replace("&", string.Empty);
            if (string.Equals(HotKey(choices[index]), answer.Trim(), StringComparison.OrdinalIgnoreCase) ||
                string.Equals(label, answer.Trim(), StringComparison.OrdinalIgnoreCase))
                return index;
        }
        throw new InvalidOperationException($"The answer '{answer}' matches none of the choices.");
    }

    public override Dictionary<string, PSObject> Prompt(string caption, string message, Collection<FieldDescription> descriptions)
    {
        Add(HostStream.Prompt, $"{caption} | {message} | {string.Join(", ", descriptions.Select(field => field.Name))}");
        throw new PromptingException("This host does not answer parameter prompts; pass every mandatory parameter.");
    }

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName) =>
        throw new PromptingException("This host does not answer credential prompts.");

    public override PSCredential PromptForCredential(string caption, string message, string userName, string targetName, PSCredentialTypes allowedCredentialTypes, PSCredentialUIOptions options) =>
        throw new PromptingException("This host does not answer credential prompts.");

    public override string ReadLine() => echo ? Console.ReadLine() : throw new PromptingException("This host has no input.");

    public override SecureString ReadLineAsSecureString() => throw new PromptingException("This host has no input.");

    private static string HotKey(ChoiceDescription choice)
    {
        var amp = choice.Label.IndexOf('&');
        return amp >= 0 && amp + 1 < choice.Label.Length ? choice.Label[amp + 1].ToString() : choice.Label;
    }

    private void Add(HostStream stream, string text, bool echoNow = true)
    {
        text = Ansi.Replace(text, string.Empty);
        lock (gate) lines.Add(new HostLine(stream, text));
        if (!echo || !echoNow) return;
        var color = stream switch
        {
            HostStream.Error => ConsoleColor.Red,
            HostStream.Warning => ConsoleColor.Yellow,
            HostStream.Verbose or HostStream.Debug => ConsoleColor.Cyan,
            _ => (ConsoleColor?)null,
        };
        if (stream == HostStream.Prompt) return;
        if (color != null && colors) Console.ForegroundColor = color.Value;
        Console.WriteLine(text);
        if (color != null && colors) Console.ResetColor();
    }
}

internal sealed class RecordingRawUserInterface : PSHostRawUserInterface
{
    private readonly int width;

    public RecordingRawUserInterface(int width) => this.width = width;

    public override ConsoleColor BackgroundColor { get; set; } = ConsoleColor.Black;
    public override Size BufferSize { get => new(width, 9999); set { } }
    public override Coordinates CursorPosition { get; set; }
    public override int CursorSize { get; set; } = 1;
    public override ConsoleColor ForegroundColor { get; set; } = ConsoleColor.Gray;
    public override bool KeyAvailable => false;
    public override Size MaxPhysicalWindowSize => new(width, 50);
    public override Size MaxWindowSize => new(width, 50);
    public override Coordinates WindowPosition { get; set; }
    public override Size WindowSize { get => new(width, 50); set { } }
    public override string WindowTitle { get; set; } = "QlikLicense";
    public override void FlushInputBuffer() { }
    public override BufferCell[,] GetBufferContents(Rectangle rectangle) => throw new NotSupportedException();
    public override KeyInfo ReadKey(ReadKeyOptions options) => throw new NotSupportedException();
    public override void ScrollBufferContents(Rectangle source, Coordinates destination, Rectangle clip, BufferCell fill) { }
    public override void SetBufferContents(Coordinates origin, BufferCell[,] contents) { }
    public override void SetBufferContents(Rectangle rectangle, BufferCell fill) { }
}
