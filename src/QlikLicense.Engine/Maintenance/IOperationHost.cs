namespace QlikLicense.Maintenance
{
    /// <summary>
    /// The one way an engine operation reaches whoever runs it: a decision on each change (the cmdlets ask
    /// ShouldProcess, so -WhatIf and -Confirm behave as PowerShell users expect), where its changes are journaled, and
    /// places for results, messages, problems and progress. Called on the caller's thread only.
    /// </summary>
    public interface IOperationHost
    {
        /// <summary>Whether to make a change; <paramref name="whatIf"/> tells when -WhatIf answered, so a preview counts seats down too.</summary>
        bool ShouldChange(string target, string action, ChangeImpact impact, out bool whatIf);

        /// <summary>
        /// Told before changes are recorded in a journal (a file-system path): each time an operation opens one, and by the
        /// routine for the journal it would write even when it changes nothing. A host may point out a default journal
        /// (<see cref="LicenseJournal.IsDefaultPath"/>): a scheduled run's default journal sits in its account's profile.
        /// </summary>
        void JournalUsed(string path);

        void Output(object result);
        void Warning(string message);
        void Verbose(string message);
        /// <summary>Something the operation could not do; each kind has its ErrorId and category in the host (a few are warnings).</summary>
        void Problem(OperationProblem problem);

        /// <summary>One step of a long operation: <paramref name="done"/> of <paramref name="total"/> are done.</summary>
        void Progress(int activityId, string activity, string status, int done, int total, string? currentOperation = null);

        void ProgressCompleted(int activityId, string activity);
    }
}
