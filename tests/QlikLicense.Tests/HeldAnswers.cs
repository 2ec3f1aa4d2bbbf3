using System.Collections.Concurrent;

namespace QlikLicense.Tests;

/// <summary>
/// The calls of a stub (a handler's method and path, the in-memory site's call name and access type or rule name) whose
/// answers wait until the test sets the gate it was given: the call waiting for them then goes on on another thread,
/// whatever thread it started on.
/// </summary>
internal sealed class HeldAnswers
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> gates = new();
    private readonly ConcurrentDictionary<string, TaskCompletionSource> reached = new();

    public TaskCompletionSource Hold(string method, string path)
    {
        reached[Key(method, path)] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        return gates[Key(method, path)] = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Completes once a call came to the held route's gate: a call that blocks its thread is waiting there then.</summary>
    public Task Reached(string method, string path) => reached[Key(method, path)].Task;

    /// <summary>Completes when the route's gate is set, at once for a route not held.</summary>
    public Task Released(string method, string path)
    {
        if (!gates.TryGetValue(Key(method, path), out var gate)) return Task.CompletedTask;
        reached[Key(method, path)].TrySetResult();
        return gate.Task;
    }

    private static string Key(string method, string path) => method + " " + path;
}
