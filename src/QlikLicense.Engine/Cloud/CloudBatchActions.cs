using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;

namespace QlikLicense.Cloud
{
    /// <summary>
    /// One batch action of a tenant (add or delete assignments): items asked one at a time by the operations are
    /// gathered while the write tier is closed, or while an operation holds the batch open (<see cref="Hold"/>), and
    /// sent together, up to the batch size; each asker gets its own item's answer from the 207. A failed request fails
    /// every item it carried.
    /// </summary>
    internal sealed class CloudBatchActions
    {
        private readonly CloudClient client;
        private readonly string path;
        private readonly string listName;
        private readonly int batchSize;
        private readonly object sync = new object();
        private readonly List<Pending> queue = new List<Pending>();
        private bool sending;
        private int holds;

        public CloudBatchActions(CloudClient client, string path, string listName, int batchSize)
        {
            this.client = client;
            this.path = path;
            this.listName = listName;
            this.batchSize = Math.Max(1, batchSize);
        }

        public Task<CloudItemAnswer> SendAsync(string subject, string type, SiteCall call)
        {
            var pending = new Pending(subject, type, call);
            bool start;
            lock (sync)
            {
                queue.Add(pending);
                start = !sending && (holds == 0 || queue.Count >= batchSize);
                if (start) sending = true;
            }
            if (start) Task.Run(() => PumpAsync(call));
            return pending.Answer.Task;
        }

        /// <summary>Keeps what is asked from now on until the scope is disposed, then sends it; a full batch goes at once.</summary>
        public IDisposable Hold()
        {
            lock (sync) holds++;
            return new HoldScope(this);
        }

        private void EndHold()
        {
            SiteCall? call = null;
            lock (sync)
            {
                holds--;
                if (holds == 0 && queue.Count > 0 && !sending)
                {
                    sending = true;
                    call = queue[0].Call;
                }
            }
            if (call is SiteCall pending) Task.Run(() => PumpAsync(pending));
        }

        private async Task PumpAsync(SiteCall call)
        {
            while (true)
            {
                try
                {
                    await client.WhenWriteOpenAsync(call.Cancellation).ConfigureAwait(false);
                }
                catch (OperationCanceledException error)
                {
                    FailAll(error);
                    return;
                }
                List<Pending> batch;
                lock (sync)
                {
                    // A held batch that is not full waits for the hold to end (EndHold starts the pump again).
                    if (queue.Count == 0 || (holds > 0 && queue.Count < batchSize))
                    {
                        sending = false;
                        return;
                    }
                    batch = queue.Take(batchSize).ToList();
                    queue.RemoveRange(0, batch.Count);
                }
                await SendBatchAsync(batch, call).ConfigureAwait(false);
            }
        }

        private async Task SendBatchAsync(List<Pending> batch, SiteCall call)
        {
            var body = new JObject { [listName] = new JArray(batch.Select(item => new JObject { ["subject"] = item.Subject, ["type"] = item.Type })) };
            JToken? answer;
            try
            {
                answer = await client.WriteAsync(System.Net.Http.HttpMethod.Post, path, body, call).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                foreach (var item in batch) item.Answer.TrySetException(error);
                return;
            }
            var items = (answer?["data"] as JArray)?.OfType<JObject>().ToList() ?? new List<JObject>();
            // The answer as it came, for matching by position: items matched are removed from the list above.
            var byPosition = items.ToList();
            for (var index = 0; index < batch.Count; index++)
            {
                var item = batch[index];
                // Items are matched by subject and type (subjects without regard to case); by position when the answer names none.
                var match = items.FirstOrDefault(candidate =>
                                string.Equals((string?)candidate["subject"], item.Subject, StringComparison.OrdinalIgnoreCase) &&
                                string.Equals((string?)candidate["type"], item.Type, StringComparison.OrdinalIgnoreCase))
                            ?? (byPosition.Count == batch.Count && byPosition[index]["subject"] == null ? byPosition[index] : null);
                if (match == null)
                {
                    item.Answer.TrySetException(new SiteException(SiteKind.QlikCloud, SiteErrorKind.InvalidResponse, "POST", path, 207,
                        CloudMessages.ItemMissing(listName, item.Subject)));
                    continue;
                }
                items.Remove(match);
                item.Answer.TrySetResult(new CloudItemAnswer((int?)match["status"] ?? 0, (string?)match["code"], (string?)match["title"]));
            }
        }

        private void FailAll(Exception error)
        {
            List<Pending> left;
            lock (sync)
            {
                left = queue.ToList();
                queue.Clear();
                sending = false;
            }
            foreach (var item in left) item.Answer.TrySetException(error);
        }

        private sealed class HoldScope : IDisposable
        {
            private CloudBatchActions? owner;

            public HoldScope(CloudBatchActions owner) => this.owner = owner;

            public void Dispose()
            {
                owner?.EndHold();
                owner = null;
            }
        }

        private sealed class Pending
        {
            public Pending(string subject, string type, SiteCall call)
            {
                Subject = subject;
                Type = type;
                Call = call;
            }

            public string Subject { get; }
            public string Type { get; }
            public SiteCall Call { get; }
            public TaskCompletionSource<CloudItemAnswer> Answer { get; } = new TaskCompletionSource<CloudItemAnswer>(TaskCreationOptions.RunContinuationsAsynchronously);
        }
    }
}
