using System;
using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;
using QlikLicense.Model;
using QlikLicense.Maintenance.Journal;

namespace QlikLicense.Maintenance.Release
{
    /// <summary>
    /// Releases approved allocations with at most ThrottleLimit DELETEs in flight, and reads back their outcome
    /// <see cref="ReadBackSize"/> at a time: one read per batch of a site and access type, sent while the next DELETEs
    /// go on, so a release costs about one request. Each outcome is handed to the caller's thread once its batch is
    /// read (PowerShell output may only be written there).
    /// </summary>
    public static class ReleaseBatch
    {
        /// <summary>Releases whose allocations one read-back asks for (the site may split it into smaller reads).</summary>
        public const int ReadBackSize = 50;

        /// <param name="journals">The journal of each allocation's site.</param>
        /// <param name="stop">Stops starting new releases (Ctrl+C); releases in flight and their read-backs run on with <paramref name="call"/>'s token.</param>
        public static IEnumerable<ReleaseOutcome> Run(IReadOnlyList<LicenseAllocation> approved, IReadOnlyDictionary<QlikConnection, LicenseJournal> journals,
            int throttleLimit, SiteCall call, CancellationToken stop)
        {
            using (var outcomes = new BlockingCollection<ReleaseOutcome>())
            {
                var dispatcher = Task.Run(() => DispatchAsync(approved, journals, throttleLimit, call, stop, outcomes));
                foreach (var outcome in outcomes.GetConsumingEnumerable()) yield return outcome;
                dispatcher.GetAwaiter().GetResult();
            }
        }

        private static async Task DispatchAsync(IReadOnlyList<LicenseAllocation> approved, IReadOnlyDictionary<QlikConnection, LicenseJournal> journals,
            int throttleLimit, SiteCall call, CancellationToken stop, BlockingCollection<ReleaseOutcome> outcomes)
        {
            var readBacks = new ReadBacks(call, outcomes);
            var releases = journals.ToDictionary(pair => pair.Key, pair => new AllocationRelease(pair.Key, pair.Value));
            try
            {
                using (var throttle = new SemaphoreSlim(throttleLimit))
                {
                    var running = new List<Task>();
                    foreach (var allocation in approved)
                    {
                        await throttle.WaitAsync().ConfigureAwait(false);
                        if (stop.IsCancellationRequested)
                        {
                            throttle.Release();
                            break;
                        }
                        var release = releases[allocation.RequiredConnection];
                        running.Add(Task.Run(async () =>
                        {
                            SentRelease sent;
                            try
                            {
                                sent = await release.DeleteAsync(allocation, call).ConfigureAwait(false);
                            }
                            catch (OperationCanceledException)
                            {
                                // The grace period ran out; the journal holds the intent without an outcome.
                                return;
                            }
                            finally
                            {
                                throttle.Release();
                            }
                            readBacks.Add(release, sent);
                        }));
                    }
                    await Task.WhenAll(running).ConfigureAwait(false);
                }
            }
            finally
            {
                // Whatever was sent is read back, also after a stop or a failure, so the journal has its outcome.
                readBacks.SendRest();
                try
                {
                    await readBacks.Completion().ConfigureAwait(false);
                }
                finally
                {
                    outcomes.CompleteAdding();
                }
            }
        }

        /// <summary>Sent releases waiting for their read-back, by site and access type; a full batch is read at once.</summary>
        private sealed class ReadBacks
        {
            private readonly SiteCall call;
            private readonly BlockingCollection<ReleaseOutcome> outcomes;
            private readonly Dictionary<(QlikConnection Connection, LicenseAccessType Type), List<(AllocationRelease Release, SentRelease Sent)>> waiting =
                new Dictionary<(QlikConnection, LicenseAccessType), List<(AllocationRelease, SentRelease)>>();
            private readonly List<Task> reads = new List<Task>();

            public ReadBacks(SiteCall call, BlockingCollection<ReleaseOutcome> outcomes)
            {
                this.call = call;
                this.outcomes = outcomes;
            }

            public void Add(AllocationRelease release, SentRelease sent)
            {
                lock (waiting)
                {
                    var key = (Connection: sent.Allocation.RequiredConnection, sent.Allocation.Type);
                    if (!waiting.TryGetValue(key, out var batch)) waiting.Add(key, batch = new List<(AllocationRelease, SentRelease)>());
                    batch.Add((release, sent));
                    if (batch.Count < ReadBackSize) return;
                    waiting.Remove(key);
                    reads.Add(Task.Run(() => ReadBackAsync(key.Connection, key.Type, batch)));
                }
            }

            public void SendRest()
            {
                lock (waiting)
                {
                    foreach (var pair in waiting) reads.Add(Task.Run(() => ReadBackAsync(pair.Key.Connection, pair.Key.Type, pair.Value)));
                    waiting.Clear();
                }
            }

            public Task Completion()
            {
                lock (waiting) return Task.WhenAll(reads.ToArray());
            }

            private async Task ReadBackAsync(QlikConnection connection, LicenseAccessType type, List<(AllocationRelease Release, SentRelease Sent)> batch)
            {
                // One site per batch, so one release (and one journal) for all of it.
                var release = batch[0].Release;
                var sent = batch.Select(item => item.Sent).ToList();
                IReadOnlyList<(AllocationChangeResult Result, SiteException? Error)> finished;
                try
                {
                    var remaining = await connection.SiteApi.FindAllocationsAsync(type, sent.Select(item => item.Allocation.Id).ToList(), call).ConfigureAwait(false);
                    finished = release.Finish(sent, remaining.GroupBy(allocation => allocation.Id).ToDictionary(group => group.Key, group => group.First()));
                }
                catch (SiteException readError)
                {
                    finished = release.Finish(sent, readError);
                }
                catch (OperationCanceledException)
                {
                    // The grace period ran out; the journal holds the intents without an outcome.
                    return;
                }
                for (var index = 0; index < sent.Count; index++)
                    outcomes.Add(new ReleaseOutcome(sent[index].Allocation, finished[index].Result, finished[index].Error));
            }
        }
    }
}
