using QlikLicense.Maintenance;

namespace QlikLicense.Tests.Maintenance;

/// <summary>An operation host without PowerShell: answers every change with one decision and records what it was told.</summary>
internal sealed class RecordingHost : IOperationHost
{
    private readonly bool approve;
    private readonly bool whatIf;

    /// <param name="approve">The answer to every change.</param>
    /// <param name="whatIf">Answer as -WhatIf does: no, and say it was a preview.</param>
    public RecordingHost(bool approve, bool whatIf = false)
    {
        this.approve = approve;
        this.whatIf = whatIf;
    }

    public List<(string Target, string Action, ChangeImpact Impact)> Asked { get; } = new();
    public List<object> Output { get; } = new();
    public List<string> Warnings { get; } = new();
    public List<string> Verbose { get; } = new();
    public List<OperationProblem> Problems { get; } = new();

    /// <summary>The status of each progress line.</summary>
    public IReadOnlyList<string> ProgressStatus => ProgressLines.Select(line => line.Status).ToList();

    /// <summary>The activity each progress line was for.</summary>
    public IReadOnlyList<string> ProgressActivities => ProgressLines.Select(line => line.Activity).ToList();

    public List<string> Journals { get; } = new();

    /// <summary>Thrown by every output once it is recorded, as a host that is stopping does.</summary>
    public Exception OutputFailure { get; set; }

    /// <summary>Thrown by <see cref="JournalUsed"/> for the journals it gives one for, as a host that stops does.</summary>
    public Func<string, Exception> JournalFailure { get; set; } = _ => null;

    /// <summary>How many times progress was said to be completed.</summary>
    public int ProgressEnded => ProgressCompletedActivities.Count;

    /// <summary>The activity each completed progress was for.</summary>
    public List<string> ProgressCompletedActivities { get; } = new();

    /// <summary>Per progress line: its activity, status and how many of how many are done.</summary>
    public List<(string Activity, string Status, int Done, int Total)> ProgressLines { get; } = new();

    public bool ShouldChange(string target, string action, ChangeImpact impact, out bool whatIf)
    {
        Asked.Add((target, action, impact));
        whatIf = this.whatIf;
        return approve && !this.whatIf;
    }

    public void JournalUsed(string path)
    {
        Journals.Add(path);
        if (JournalFailure(path) is { } failure) throw failure;
    }
    void IOperationHost.Output(object result)
    {
        Output.Add(result);
        if (OutputFailure != null) throw OutputFailure;
    }
    public void Warning(string message) => Warnings.Add(message);
    void IOperationHost.Verbose(string message) => Verbose.Add(message);
    public void Problem(OperationProblem problem) => Problems.Add(problem);
    public void Progress(int activityId, string activity, string status, int done, int total, string currentOperation = null) =>
        ProgressLines.Add((activity, status, done, total));
    public void ProgressCompleted(int activityId, string activity) => ProgressCompletedActivities.Add(activity);
}
