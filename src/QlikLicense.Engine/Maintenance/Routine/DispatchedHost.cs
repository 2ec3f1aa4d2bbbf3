namespace QlikLicense.Maintenance.Routine
{
    /// <summary>
    /// The host of an engine operation on a worker thread: every call is run on the caller's thread by the dispatcher,
    /// so prompts and -WhatIf still go through the cmdlet's ShouldProcess. With several sites, messages name their site
    /// and each site has its own progress bar.
    /// </summary>
    internal sealed class DispatchedHost : IOperationHost
    {
        private readonly IOperationHost caller;
        private readonly CallerThreadDispatcher dispatcher;
        private readonly string? site;
        private readonly int progressOffset;

        /// <param name="site">The site messages are about; null when the run has one site.</param>
        /// <param name="siteIndex">The site's place in the run, keeping its progress bars apart from the others'.</param>
        public DispatchedHost(IOperationHost caller, CallerThreadDispatcher dispatcher, string? site, int siteIndex)
        {
            this.caller = caller;
            this.dispatcher = dispatcher;
            this.site = site;
            progressOffset = siteIndex * 100;
        }

        public bool ShouldChange(string target, string action, ChangeImpact impact, out bool whatIf)
        {
            var (confirmed, answeredByWhatIf) = dispatcher.Invoke(() => (caller.ShouldChange(target, action, impact, out var byWhatIf), byWhatIf));
            whatIf = answeredByWhatIf;
            return confirmed;
        }

        public void JournalUsed(string path) => dispatcher.Invoke(() => caller.JournalUsed(path));
        public void Output(object result) => dispatcher.Invoke(() => caller.Output(result));
        public void Warning(string message) => dispatcher.Invoke(() => caller.Warning(Named(message)));
        public void Verbose(string message) => dispatcher.Invoke(() => caller.Verbose(Named(message)));
        public void Problem(OperationProblem problem) => dispatcher.Invoke(() => caller.Problem(problem));

        public void Progress(int activityId, string activity, string status, int done, int total, string? currentOperation = null) =>
            dispatcher.Invoke(() => caller.Progress(activityId + progressOffset, Named(activity), status, done, total, currentOperation));

        public void ProgressCompleted(int activityId, string activity) =>
            dispatcher.Invoke(() => caller.ProgressCompleted(activityId + progressOffset, Named(activity)));

        private string Named(string message) => site == null ? message : site + ": " + message;
    }
}
