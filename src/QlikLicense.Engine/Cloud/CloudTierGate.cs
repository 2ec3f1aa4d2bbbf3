using System;
using System.Threading;
using System.Threading.Tasks;

namespace QlikLicense.Cloud
{
    /// <summary>
    /// One rate tier of a connection: every request of the tier waits while a 429 blocks it, and, for writes, until
    /// the least interval since the previous write has passed. Thread-safe.
    /// </summary>
    internal sealed class CloudTierGate
    {
        private readonly object sync = new object();
        private readonly TimeSpan interval;
        private readonly Func<DateTime> utcNow;
        private DateTime blockedUntilUtc = DateTime.MinValue;
        private DateTime nextSlotUtc = DateTime.MinValue;

        public CloudTierGate(TimeSpan interval, Func<DateTime>? utcNow = null)
        {
            this.interval = interval;
            this.utcNow = utcNow ?? (() => DateTime.UtcNow);
        }

        /// <summary>Waits until the tier lets a request through, and takes its slot.</summary>
        public async Task EnterAsync(CancellationToken cancellation)
        {
            while (true)
            {
                TimeSpan wait;
                lock (sync)
                {
                    var now = utcNow();
                    var open = blockedUntilUtc > nextSlotUtc ? blockedUntilUtc : nextSlotUtc;
                    if (open <= now)
                    {
                        nextSlotUtc = now + interval;
                        return;
                    }
                    wait = open - now;
                }
                await Task.Delay(wait, cancellation).ConfigureAwait(false);
            }
        }

        /// <summary>Waits until the tier would let a request through, without taking the slot (a batch gathers items meanwhile).</summary>
        public async Task WaitOpenAsync(CancellationToken cancellation)
        {
            while (true)
            {
                TimeSpan wait;
                lock (sync)
                {
                    var open = blockedUntilUtc > nextSlotUtc ? blockedUntilUtc : nextSlotUtc;
                    wait = open - utcNow();
                }
                if (wait <= TimeSpan.Zero) return;
                await Task.Delay(wait, cancellation).ConfigureAwait(false);
            }
        }

        /// <summary>A 429: the whole tier waits <paramref name="retryAfter"/> from now.</summary>
        public void Block(TimeSpan retryAfter)
        {
            lock (sync)
            {
                var until = utcNow() + retryAfter;
                if (until > blockedUntilUtc) blockedUntilUtc = until;
            }
        }
    }
}
