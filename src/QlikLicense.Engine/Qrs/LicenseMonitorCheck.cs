using System;
using System.Collections.Generic;
using System.Linq;
using Newtonsoft.Json.Linq;
using QlikLicense.Model;
using QlikLicense.Transport;

namespace QlikLicense.Qrs
{
    /// <summary>
    /// Is the License Monitor app current? Two requests whatever the site holds: the apps named "License Monitor"
    /// and the reload tasks of the one that counts, the copy published in the "Monitoring apps" stream (sites keep
    /// unpublished copies under the same name, and "License Monitor_&lt;version&gt;" after upgrades).
    /// </summary>
    internal static class LicenseMonitorCheck
    {
        public const string AppName = "License Monitor";
        public const string StreamName = "Monitoring apps";

        private static readonly ReloadTaskStatus[] FailedStatuses = { ReloadTaskStatus.Aborted, ReloadTaskStatus.FinishedFail, ReloadTaskStatus.Error };

        public static LicenseMonitorStatus Check(QrsClient client, TimeSpan maximumAge, DateTime nowUtc, SiteCall call)
        {
            var apps = client.Stream(QrsPaths.Full(QrsPaths.App), MonitorApp.FromJson, call, QrsFilter.Equal("name", AppName)).ToList();
            var published = apps
                .Where(app => app.Published && string.Equals(app.StreamName, StreamName, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(app => app.LastReloadTime ?? DateTime.MinValue)
                .FirstOrDefault();
            if (published == null)
                return new LicenseMonitorStatus { Reason = QrsMessages.Monitor.NotPublished(AppName, StreamName, apps), MaximumAge = maximumAge, CheckedAt = nowUtc };

            var tasks = client.Stream(QrsPaths.Full(QrsPaths.ReloadTask), MonitorTask.FromJson, call, QrsFilter.Equal("app.id", published.Id)).ToList();
            return Evaluate(published, tasks, maximumAge, nowUtc);
        }

        internal static LicenseMonitorStatus Evaluate(MonitorApp app, IReadOnlyList<MonitorTask> tasks, TimeSpan maximumAge, DateTime nowUtc)
        {
            var lastRun = tasks.OrderByDescending(task => task.LastExecutionTime ?? DateTime.MinValue).FirstOrDefault();
            var status = new LicenseMonitorStatus
            {
                AppId = app.Id,
                LastReloadTime = app.LastReloadTime,
                TaskName = lastRun?.Name,
                LastTaskStatus = lastRun?.Status,
                LastExecutionTime = lastRun?.LastExecutionTime,
                NextExecution = tasks.Where(task => task.Enabled).Select(task => task.NextExecution).Where(next => next != null).Min(),
                MaximumAge = maximumAge,
                CheckedAt = nowUtc,
            };

            var reasons = new List<string>();
            if (lastRun?.Status is ReloadTaskStatus last && FailedStatuses.Contains(last))
                reasons.Add(QrsMessages.Monitor.LastReloadFailed(lastRun.Name, lastRun.LastExecutionTime, last));
            if (app.LastReloadTime == null)
                reasons.Add(QrsMessages.Monitor.NeverReloaded);
            else if (nowUtc - app.LastReloadTime.Value > maximumAge)
                reasons.Add(QrsMessages.Monitor.TooOld(nowUtc - app.LastReloadTime.Value, app.LastReloadTime, maximumAge));
            if (tasks.Count == 0)
                reasons.Add(QrsMessages.Monitor.NoReloadTask);
            else if (!tasks.Any(task => task.Enabled))
                reasons.Add(QrsMessages.Monitor.TasksDisabled(tasks.Count));

            status.IsOperational = reasons.Count == 0;
            status.Reason = reasons.Count == 0 ? null : string.Join(" ", reasons);
            return status;
        }

        internal sealed class MonitorApp
        {
            public Guid Id { get; private set; }
            public bool Published { get; private set; }
            public string? StreamName { get; private set; }
            public DateTime? LastReloadTime { get; private set; }

            public static MonitorApp FromJson(JObject json) => new MonitorApp
            {
                Id = json.GuidValue("id"),
                Published = (bool?)json["published"] ?? json["stream"] is JObject,
                StreamName = (string?)(json["stream"] as JObject)?["name"],
                LastReloadTime = json.DateValue("lastReloadTime"),
            };
        }

        internal sealed class MonitorTask
        {
            public string? Name { get; private set; }
            public bool Enabled { get; private set; }
            public ReloadTaskStatus? Status { get; private set; }
            public DateTime? LastExecutionTime { get; private set; }
            public DateTime? NextExecution { get; private set; }

            public static MonitorTask FromJson(JObject json)
            {
                var operational = json["operational"] as JObject;
                var lastExecution = operational?["lastExecutionResult"] as JObject;
                return new MonitorTask
                {
                    Name = (string?)json["name"],
                    Enabled = (bool?)json["enabled"] ?? true,
                    Status = ReloadTaskStatusJson.Parse(lastExecution?["status"]),
                    LastExecutionTime = lastExecution.DateValue("startTime"),
                    NextExecution = operational.DateValue("nextExecution"),
                };
            }
        }
    }
}
