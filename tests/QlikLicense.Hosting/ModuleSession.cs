using System.Collections.ObjectModel;
using System.Management.Automation;
using System.Management.Automation.Runspaces;
using System.Net;
using QlikLicense.Simulator;
using QlikLicense.Simulator.Cloud;

namespace QlikLicense.Hosting;

/// <summary>What a script did: its objects, every stream, and what the host showed.</summary>
public sealed class ScriptResult
{
    public required Collection<PSObject> Output { get; init; }
    public required IReadOnlyList<ErrorRecord> Errors { get; init; }
    public required IReadOnlyList<string> Warnings { get; init; }
    public required IReadOnlyList<string> Verbose { get; init; }
    public required IReadOnlyList<string> Debug { get; init; }
    public required IReadOnlyList<string> Information { get; init; }
    public required IReadOnlyList<ProgressRecord> Progress { get; init; }
    public required IReadOnlyList<HostLine> HostLines { get; init; }

    /// <summary>The error that stopped the script, if one did.</summary>
    public RuntimeException Terminating { get; init; }

    public IEnumerable<ErrorRecord> AllErrors => Terminating == null ? Errors : Errors.Append(Terminating.ErrorRecord);

    /// <summary>
    /// The first error, whether it stopped the script or only its statement (a cmdlet's ThrowTerminatingError
    /// inside a script ends that statement and lands in the error stream).
    /// </summary>
    public ErrorRecord FirstError => AllErrors.FirstOrDefault();

    /// <summary>The ErrorId of the first error, without the command name PowerShell appends.</summary>
    public string FirstErrorId => FirstError?.FullyQualifiedErrorId.Split(',')[0];

    public string HostText => string.Join(Environment.NewLine, HostLines.Select(line => line.ToString()));

    public IEnumerable<string> WhatIfLines => HostLines.Where(line => line.Text.StartsWith("What if:", StringComparison.Ordinal)).Select(line => line.Text);

    public IEnumerable<T> Objects<T>() => Output.Select(item => item.BaseObject).OfType<T>();
}

/// <summary>
/// The real PowerShell engine in-process, with the built module imported from out/QlikLicense exactly as a
/// user imports it, optionally connected to a simulated site.
/// </summary>
public sealed class ModuleSession : IDisposable
{
    private readonly Runspace runspace;

    public ModuleSession(RecordingHost host = null)
    {
        Host = host ?? new RecordingHost();
        var state = InitialSessionState.CreateDefault2();
        runspace = RunspaceFactory.CreateRunspace(Host, state);
        runspace.Open();
        var import = Invoke($"Import-Module '{RepositoryPaths.ModuleManifest.Replace("'", "''")}' -ErrorAction Stop");
        if (import.Terminating != null || import.Errors.Count > 0)
            throw new InvalidOperationException("Import-Module failed: " + string.Join("; ", import.AllErrors.Select(error => error.ToString())));
    }

    public RecordingHost Host { get; }

    /// <summary>Sets a variable in the session, e.g. a SecureString the engine here cannot make (no ConvertTo-SecureString).</summary>
    public void SetVariable(string name, object value) => runspace.SessionStateProxy.SetVariable(name, value);

    /// <summary>Connects the session to a simulated site with its client certificate, trusting its CA.</summary>
    public ScriptResult ConnectTo(SimulatedSite site, string extraParameters = "")
    {
        SetVariable("QlikSimPassword", new NetworkCredential(string.Empty, site.ClientCertificatePassword).SecurePassword);
        SetVariable("QlikSim", site);
        var result = Invoke($"Connect-QlikSense -Server {site.HostName} -Port {site.QrsPort} -CertificatePath '{site.ClientCertificatePath}' " +
                            $"-CertificatePassword $QlikSimPassword -CaCertificatePath '{site.CaCertificatePath}' {extraParameters}");
        if (result.Terminating != null) throw new InvalidOperationException("Connect-QlikSense failed: " + result.Terminating.Message);
        return result;
    }

    /// <summary>Connects the session to a simulated Qlik Cloud tenant with its API key, trusting its CA.</summary>
    public ScriptResult ConnectTo(SimulatedTenant tenant, string extraParameters = "")
    {
        SetVariable("QlikSimApiKey", new NetworkCredential(string.Empty, tenant.Credentials.ApiKey).SecurePassword);
        SetVariable("QlikSimTenant", tenant);
        var result = Invoke($"Connect-QlikCloud -Tenant {tenant.BaseAddress.AbsoluteUri.TrimEnd('/')} -ApiKey $QlikSimApiKey " +
                            $"-CaCertificatePath '{tenant.CaCertificatePath}' {extraParameters}");
        if (result.Terminating != null) throw new InvalidOperationException("Connect-QlikCloud failed: " + result.Terminating.Message);
        return result;
    }

    /// <summary>Runs a script and returns its objects and streams.</summary>
    public ScriptResult Invoke(string script) => Run(script, formatForHost: false);

    /// <summary>Runs a script as at a console: output formatted by Out-Default, errors shown by the host.</summary>
    public ScriptResult InvokeAsUser(string script) => Run(script, formatForHost: true);

    /// <summary>
    /// Runs a script and stops it after <paramref name="delay"/> as Ctrl+C would (PowerShell.Stop, which calls the
    /// running cmdlet's StopProcessing); returns once the pipeline has ended, with what it wrote until then.
    /// </summary>
    public ScriptResult InvokeAndStopAfter(string script, TimeSpan delay) => Run(script, formatForHost: false, stopAfter: delay);

    public void Dispose()
    {
        runspace.Dispose();
    }

    private ScriptResult Run(string script, bool formatForHost, TimeSpan? stopAfter = null)
    {
        using var shell = PowerShell.Create();
        shell.Runspace = runspace;
        shell.AddScript(script);
        if (formatForHost)
        {
            shell.Commands.Commands[0].MergeMyResults(PipelineResultTypes.Error, PipelineResultTypes.Output);
            shell.AddCommand("Out-Default");
        }
        var before = Host.Lines.Count;
        var output = new PSDataCollection<PSObject>();
        RuntimeException terminating = null;
        try
        {
            var running = shell.BeginInvoke<PSObject, PSObject>(null, output);
            if (stopAfter is TimeSpan delay && !running.AsyncWaitHandle.WaitOne(delay)) shell.Stop();
            shell.EndInvoke(running);
        }
        catch (RuntimeException error)
        {
            terminating = error;
        }
        return new ScriptResult
        {
            Output = new Collection<PSObject>(output.ToList()),
            Errors = shell.Streams.Error.ToList(),
            Warnings = shell.Streams.Warning.Select(record => record.Message).ToList(),
            Verbose = shell.Streams.Verbose.Select(record => record.Message).ToList(),
            Debug = shell.Streams.Debug.Select(record => record.Message).ToList(),
            Information = shell.Streams.Information.Select(record => record.MessageData?.ToString() ?? string.Empty).ToList(),
            Progress = shell.Streams.Progress.ToList(),
            HostLines = Host.Lines.Skip(before).ToList(),
            Terminating = terminating,
        };
    }
}

/// <summary>Reading module objects by property, as a script would: the tests do not load the module's types themselves.</summary>
public static class PSObjectProperties
{
    public static object Get(this PSObject item, string property) => item.Properties[property]?.Value is PSObject wrapped ? wrapped.BaseObject : item.Properties[property]?.Value;

    public static T Get<T>(this PSObject item, string property) => (T)Get(item, property);

    public static string Text(this PSObject item, string property) => Get(item, property)?.ToString();

    public static bool IsA(this PSObject item, string typeName) => item.TypeNames.Contains(typeName);
}
