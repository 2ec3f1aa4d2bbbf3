namespace QlikLicense.Maintenance
{
    /// <summary>
    /// What an engine operation needs from whoever runs it: a decision on each change (the cmdlets ask
    /// ShouldProcess, so -WhatIf and -Confirm behave as PowerShell users expect), and places for results, messages and
    /// progress. Called on the caller's thread only.
    /// </summary>
    public interface IOperationHost
    {
        /// <summary>Whether to make a change; <paramref name="whatIf"/> tells when -WhatIf answered, so a preview counts seats down too.</summary>
        bool ShouldChange(string target, string action, ChangeImpact impact, out bool whatIf);

        void Output(object result);
        void Warning(string message);
        void Verbose(string message);
        void Problem(OperationProblem problem);

        /// <summary>One step of a long operation: <paramref name="done"/> of <paramref name="total"/> are done.</summary>
        void Progress(int activityId, string activity, string status, int done, int total, string? currentOperation = null);

        void ProgressCompleted(int activityId, string activity);
    }
}
