using Newtonsoft.Json.Linq;

namespace QlikLicense.Simulator;

/// <summary>The License Monitor app, its reload task and the "Monitoring apps" stream in a chosen state.</summary>
internal static class LicenseMonitor
{
    public const string AppName = "License Monitor";
    public const string StreamName = "Monitoring apps";
    public const string TaskName = "Reload License Monitor";
    private const string Description = "The License Monitor tracks license usage and facilitates efficient allocation of licenses and tokens.";

    public static readonly Guid PublishedAppId = EntityShapes.StableGuid("app:License Monitor:published");
    public static readonly Guid TaskId = EntityShapes.StableGuid("reloadtask:Reload License Monitor");
    private static readonly Guid StreamId = EntityShapes.StableGuid("stream:Monitoring apps");
    private static readonly Guid OldCopyId = EntityShapes.StableGuid("app:License Monitor:old copy");
    private static readonly Guid VersionedCopyId = EntityShapes.StableGuid("app:License Monitor_17.6.1.0");

    public static void Apply(SiteStore store, LicenseMonitorState state)
    {
        var now = store.Clock.UtcNow;
        var installed = now.AddDays(-400);
        const string actor = @"INTERNAL\sa_scheduler";
        store.Atomically(() =>
        {
            var stream = store.Find(QrsTypes.Stream, StreamId);
            if (stream is null)
            {
                stream = store.Add(QrsTypes.Stream, EntityShapes.Stream(StreamId, StreamName, installed, EntityShapes.SystemActor));
            }

            store.Remove(QrsTypes.App, PublishedAppId);
            store.Remove(QrsTypes.ReloadTask, TaskId);
            Upsert(store, EntityShapes.App(OldCopyId, AppName, Description, null, null, installed.AddDays(-90), Guid.Empty, "12.67.2", installed, EntityShapes.SystemActor));
            Upsert(store, EntityShapes.App(VersionedCopyId, AppName + "_17.6.1.0", Description, null, null, now.AddDays(-30), PublishedAppId, "12.67.2", now.AddDays(-30), EntityShapes.SystemActor));
            if (state == LicenseMonitorState.Missing) return 0;

            var (lastReload, status, start, stop, next) = state switch
            {
                LicenseMonitorState.Healthy => ((DateTime?)now.AddHours(-3), 7, (DateTime?)now.AddHours(-3).AddMinutes(-2), (DateTime?)now.AddHours(-3), (DateTime?)now.AddDays(1)),
                LicenseMonitorState.NeverReloaded => (null, 0, null, null, now.AddDays(1)),
                LicenseMonitorState.LastReloadFailed => (now.AddDays(-1).AddHours(-3), 8, now.AddHours(-3).AddMinutes(-1), now.AddHours(-3), now.AddDays(1)),
                LicenseMonitorState.Stale => (now.AddDays(-10), 7, now.AddDays(-10).AddMinutes(-2), now.AddDays(-10), (DateTime?)null),
                _ => throw new ArgumentOutOfRangeException(nameof(state)),
            };
            var app = EntityShapes.App(PublishedAppId, AppName, Description, stream, installed.AddDays(1), lastReload, Guid.Empty, "14.20.5", installed, actor);
            if (lastReload.HasValue) app["modifiedDate"] = QrsDates.Format(lastReload.Value);
            store.Add(QrsTypes.App, app);
            store.Add(QrsTypes.ReloadTask, EntityShapes.ReloadTask(TaskId, TaskName, app, status, start, stop, next, installed, EntityShapes.SystemActor));
            return 0;
        });
    }

    private static void Upsert(SiteStore store, JObject app)
    {
        var id = Guid.Parse(app.Value<string>("id"));
        if (store.Find(QrsTypes.App, id) is null) store.Add(QrsTypes.App, app);
        else store.Replace(QrsTypes.App, app);
    }
}
