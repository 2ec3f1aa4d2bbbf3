using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Management.Automation;

namespace QlikLicense.Commands
{
    /// <summary>
    /// The one place that writes "N of M" progress. Windows PowerShell 5.1 draws every update, which slows a long run
    /// down, so an activity of many steps shows at most a few updates a second; short ones (up to
    /// <see cref="UnthrottledSteps"/>) show every step. The first step and the completion are always shown.
    /// </summary>
    internal sealed class ProgressWriter
    {
        public const int UnthrottledSteps = 100;
        public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(250);

        private readonly Action<ProgressRecord> write;
        private readonly Func<TimeSpan> clock;
        private readonly Dictionary<int, TimeSpan> lastShown = new Dictionary<int, TimeSpan>();

        public ProgressWriter(Action<ProgressRecord> write, Func<TimeSpan>? clock = null)
        {
            this.write = write;
            if (clock == null)
            {
                var watch = Stopwatch.StartNew();
                clock = () => watch.Elapsed;
            }
            this.clock = clock;
        }

        public void Step(int activityId, string activity, string status, int done, int total, string? currentOperation = null)
        {
            var now = clock();
            if (total > UnthrottledSteps && lastShown.TryGetValue(activityId, out var last) && now - last < MinimumInterval) return;
            lastShown[activityId] = now;
            write(new ProgressRecord(activityId, activity, status)
            {
                PercentComplete = total <= 0 ? 0 : Math.Min(100, done * 100 / total),
                CurrentOperation = currentOperation,
            });
        }

        public void Completed(int activityId, string activity)
        {
            lastShown.Remove(activityId);
            write(new ProgressRecord(activityId, activity, "Done") { RecordType = ProgressRecordType.Completed });
        }
    }
}
