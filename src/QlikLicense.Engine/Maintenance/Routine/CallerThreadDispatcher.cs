using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace QlikLicense.Maintenance.Routine
{
    /// <summary>
    /// Runs work on worker threads while what the caller allows only on its own thread (a PowerShell host: output, warnings,
    /// errors, progress, ShouldProcess prompts) is queued to that thread, which runs it in order and hands the answer back.
    /// </summary>
    internal sealed class CallerThreadDispatcher : IDisposable
    {
        private readonly BlockingCollection<Action> pending = new BlockingCollection<Action>();

        /// <summary>Runs <paramref name="work"/> on the caller's thread and waits for its answer (or its exception).</summary>
        public T Invoke<T>(Func<T> work)
        {
            var answer = new TaskCompletionSource<T>(TaskCreationOptions.RunContinuationsAsynchronously);
            pending.Add(() =>
            {
                try
                {
                    answer.SetResult(work());
                }
                catch (Exception error)
                {
                    answer.SetException(error);
                }
            });
            return answer.Task.GetAwaiter().GetResult();
        }

        public void Invoke(Action work) => Invoke(() =>
        {
            work();
            return true;
        });

        /// <summary>
        /// Runs <paramref name="work"/> for every item on at most <paramref name="throttleLimit"/> worker threads at once,
        /// draining the queue on the calling thread until all have finished; the results keep the items' order.
        /// </summary>
        public IReadOnlyList<Task<TResult>> RunAll<TItem, TResult>(IReadOnlyList<TItem> items, int throttleLimit, Func<TItem, int, TResult> work)
        {
            using (var slots = new SemaphoreSlim(throttleLimit))
            {
                var tasks = items.Select((item, index) => Task.Run(() =>
                {
                    slots.Wait();
                    try
                    {
                        return work(item, index);
                    }
                    finally
                    {
                        slots.Release();
                    }
                })).ToList();
                Task.WhenAll(tasks).ContinueWith(_ => pending.CompleteAdding(), TaskScheduler.Default);
                foreach (var action in pending.GetConsumingEnumerable()) action();
                return tasks;
            }
        }

        public void Dispose() => pending.Dispose();
    }
}
