using System.Collections.Concurrent;
using System.Collections.Generic;
using System.Threading;
using System.Threading.Tasks;
using QlikLicense.Model;
using QlikLicense.Maintenance.Journal;

namespace QlikLicense.Maintenance.Release
{
    /// <summary>
    /// Releases approved allocations with at most ThrottleLimit DELETEs in flight, handing each outcome to the
    /// caller's thread as it completes (PowerShell output may only be written there).
    /// </summary>
    public static class ReleaseBatch
    {
        /// <param name="journals">The journal of each allocation's site.</param>
        /// <param name="stop">Stops starting new releases (Ctrl+C); releases in flight run on with <paramref name="call"/>'s token.</param>
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
                        var release = new AllocationRelease(allocation.RequiredConnection, journals[allocation.RequiredConnection]);
                        running.Add(Task.Run(async () =>
                        {
                            try
                            {
                                var (result, error) = await release.ReleaseAsync(allocation, call).ConfigureAwait(false);
                                outcomes.Add(new ReleaseOutcome(allocation, result, error));
                            }
                            catch (System.OperationCanceledException)
                            {
                                // The grace period ran out; the journal holds the intent without an outcome.
                            }
                            finally
                            {
                                throttle.Release();
                            }
                        }));
                    }
                    await Task.WhenAll(running).ConfigureAwait(false);
                }
            }
            finally
            {
                outcomes.CompleteAdding();
            }
        }
    }
}
