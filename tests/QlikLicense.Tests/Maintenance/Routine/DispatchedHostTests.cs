using QlikLicense.Maintenance;
using QlikLicense.Maintenance.Routine;
using QlikLicense.Model;
using Xunit;

namespace QlikLicense.Tests.Maintenance.Routine;

/// <summary>
/// The host of a site's routine on a worker thread (<see cref="DispatchedHost"/>): every call runs on the caller's thread
/// through <see cref="CallerThreadDispatcher"/>, with the answer and the exception handed back, the site named, and its
/// progress bars apart from the other sites'.
/// </summary>
public sealed class DispatchedHostTests
{
    /// <summary>What a host was told, with the thread each call came on.</summary>
    private sealed class ThreadHost : IOperationHost
    {
        public List<string> Calls { get; } = new();
        public HashSet<int> Threads { get; } = new();
        public bool Answer { get; set; } = true;
        public bool WhatIf { get; set; }

        private void Record(string call)
        {
            Calls.Add(call);
            Threads.Add(Environment.CurrentManagedThreadId);
        }

        public bool ShouldChange(string target, string action, ChangeImpact impact, out bool whatIf)
        {
            Record($"ShouldChange {target} {action} {impact}");
            whatIf = WhatIf;
            return Answer;
        }

        public void JournalUsed(string path) => Record("JournalUsed " + path);
        public void Output(object result) => Record("Output " + result);
        public void Warning(string message) => Record("Warning " + message);
        public void Verbose(string message) => Record("Verbose " + message);
        public void Problem(OperationProblem problem) => Record("Problem " + problem.Kind);
        public void Progress(int activityId, string activity, string status, int done, int total, string currentOperation = null) =>
            Record($"Progress {activityId} {activity} {status} {done}/{total} {currentOperation}");
        public void ProgressCompleted(int activityId, string activity) => Record($"ProgressCompleted {activityId} {activity}");
    }

    private static List<T> OnWorker<T>(CallerThreadDispatcher dispatcher, int items, Func<int, T> work) =>
        dispatcher.RunAll(Enumerable.Range(0, items).ToList(), 2, (item, index) => work(index)).Select(task => task.Result).ToList();

    [Fact]
    public void Every_call_of_a_site_s_host_reaches_the_caller_on_its_own_thread_named_after_the_site_with_its_progress_apart()
    {
        var caller = new ThreadHost { Answer = false, WhatIf = true };
        using var dispatcher = new CallerThreadDispatcher();
        var host = new DispatchedHost(caller, dispatcher, "prod:4242", 2);

        var answers = OnWorker(dispatcher, 1, _ =>
        {
            host.JournalUsed("journal.jsonl");
            host.Output("result");
            host.Warning("careful");
            host.Verbose("detail");
            host.Problem(new OperationProblem(ProblemKind.SiteRequestFailed, new InvalidOperationException("down"), "target"));
            host.Progress(7, "Routine", "Step", 3, 9, "now");
            host.ProgressCompleted(7, "Routine");
            var confirmed = host.ShouldChange("CORP\\jdoe", "Release", ChangeImpact.High, out var whatIf);
            return (confirmed, whatIf, Environment.CurrentManagedThreadId);
        });

        Assert.Equal(new[]
        {
            "JournalUsed journal.jsonl", "Output result", "Warning prod:4242: careful", "Verbose prod:4242: detail", "Problem SiteRequestFailed",
            "Progress 207 prod:4242: Routine Step 3/9 now", "ProgressCompleted 207 prod:4242: Routine", "ShouldChange CORP\\jdoe Release High",
        }, caller.Calls);
        Assert.Equal(new[] { Environment.CurrentManagedThreadId }, caller.Threads);
        Assert.Equal((false, true), (answers[0].confirmed, answers[0].whatIf));
        Assert.NotEqual(Environment.CurrentManagedThreadId, answers[0].CurrentManagedThreadId);
    }

    [Fact]
    public void A_run_of_one_site_names_no_site_and_the_first_site_s_progress_keeps_its_id()
    {
        var caller = new ThreadHost();
        using var dispatcher = new CallerThreadDispatcher();
        var host = new DispatchedHost(caller, dispatcher, null, 0);

        var answers = OnWorker(dispatcher, 1, _ =>
        {
            host.Warning("careful");
            host.Progress(7, "Routine", "Step", 1, 9);
            return host.ShouldChange("t", "a", ChangeImpact.Low, out var whatIf) && !whatIf;
        });

        Assert.Equal(new[] { "Warning careful", "Progress 7 Routine Step 1/9 ", "ShouldChange t a Low" }, caller.Calls);
        Assert.True(answers[0]);
    }

    [Fact]
    public void A_failure_on_the_caller_s_thread_is_thrown_on_the_worker_and_the_results_keep_the_items_order()
    {
        var caller = new ThreadHost();
        using var dispatcher = new CallerThreadDispatcher();

        var results = dispatcher.RunAll(new[] { 3, 1, 2, 5, 4 }, 2, (item, index) =>
        {
            var answer = dispatcher.Invoke(() => item * 10 + index);
            if (item == 5) dispatcher.Invoke(() => throw new InvalidOperationException("refused"));
            return answer;
        });

        Assert.Equal(new[] { 30, 11, 22, 44 }, new[] { results[0], results[1], results[2], results[4] }.Select(task => task.Result));
        Assert.Equal("refused", Assert.IsType<InvalidOperationException>(results[3].Exception!.InnerException).Message);
        Assert.Empty(caller.Calls);
    }
}
