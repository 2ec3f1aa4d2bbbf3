using Xunit;

namespace QlikLicense.Tests;

/// <summary>
/// Whether a site call goes on in its caller's synchronization context once an answer comes: a caller that blocks on
/// the call in a single-threaded context (a PowerShell pipeline thread, a window) would otherwise wait for itself.
/// The test holds the call's answers until the call has returned its task, so the call goes on only after an answer
/// came later, on another thread.
/// </summary>
internal static class CallersContext
{
    /// <summary>A context that counts the work posted back to it, and runs that work on the thread pool within itself.</summary>
    private sealed class CountingContext : SynchronizationContext
    {
        private int posted;

        public int Posted => Volatile.Read(ref posted);

        public override void Post(SendOrPostCallback work, object state)
        {
            Interlocked.Increment(ref posted);
            ThreadPool.QueueUserWorkItem(_ =>
            {
                SetSynchronizationContext(this);
                work(state);
            });
        }

        public override void Send(SendOrPostCallback work, object state)
        {
            Interlocked.Increment(ref posted);
            work(state);
        }
    }

    /// <summary>
    /// Starts the call in a counting context, answers the held requests once it has returned, and counts the work that
    /// came back to the context.
    /// </summary>
    public static async Task<int> WorkPostedBack(Func<Task> call, params TaskCompletionSource[] held)
    {
        var context = new CountingContext();
        var previous = SynchronizationContext.Current;
        Task pending;
        SynchronizationContext.SetSynchronizationContext(context);
        try
        {
            pending = call();
        }
        finally
        {
            SynchronizationContext.SetSynchronizationContext(previous);
        }
        Assert.False(pending.IsCompleted, "the call should wait for its held answer");
        foreach (var gate in held) gate.SetResult();
        await pending;
        return context.Posted;
    }

    /// <summary>As <see cref="WorkPostedBack"/> for a call that answers: asserts that no work came back to the context, and gives the answer.</summary>
    public static async Task<T> AnswerOutsideTheCallersContext<T>(Func<Task<T>> call, params TaskCompletionSource[] held)
    {
        Task<T> pending = null;
        Assert.Equal(0, await WorkPostedBack(() => pending = call(), held));
        return await pending;
    }

    /// <summary>
    /// As <see cref="WorkPostedBack"/> for a call that blocks its thread until it ends (the undo waits for each of its
    /// steps): runs it on a thread of its own in the counting context, answers the held request once the call waits for
    /// it (<paramref name="waiting"/>), and counts the work that came back to the context.
    /// </summary>
    public static async Task<int> WorkPostedBackWhileBlocked(Action call, Task waiting, TaskCompletionSource held)
    {
        var context = new CountingContext();
        var ended = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var thread = new Thread(() =>
        {
            SynchronizationContext.SetSynchronizationContext(context);
            try
            {
                call();
                ended.SetResult();
            }
            catch (Exception error)
            {
                ended.SetException(error);
            }
        }) { IsBackground = true };
        thread.Start();
        if (await Task.WhenAny(waiting, ended.Task) != waiting)
        {
            await ended.Task;
            Assert.Fail("the call should wait for its held answer");
        }
        held.SetResult();
        await ended.Task;
        return context.Posted;
    }
}
