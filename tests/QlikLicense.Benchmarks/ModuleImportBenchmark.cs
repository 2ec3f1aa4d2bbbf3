using System.Management.Automation.Runspaces;
using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Engines;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Running;
using QlikLicense.Hosting;

namespace QlikLicense.Benchmarks;

/// <summary>
/// How long a new hosted engine with the module imported takes (what ModuleSession does: open a runspace, then
/// Import-Module from out/QlikLicense), next to opening the runspace alone, so the difference is the module's own
/// import. BenchmarkDotNet runs it twice: cold (a fresh process per launch, the first session of a process, as a
/// user's first command sees it) and warm (further sessions in one process, timed many at a time).
/// </summary>
public class ModuleImportBenchmark
{
    [Benchmark(Baseline = true, Description = "Open a runspace (no import)")]
    public void OpenRunspace()
    {
        using var runspace = RunspaceFactory.CreateRunspace(InitialSessionState.CreateDefault2());
        runspace.Open();
    }

    [Benchmark(Description = "new ModuleSession() (runspace + Import-Module QlikLicense)")]
    public void ImportModule()
    {
        using var session = new ModuleSession();
    }

    public static int Run(int launches, int iterations)
    {
        var cold = Job.Default.WithId("Cold").WithStrategy(RunStrategy.ColdStart)
            .WithLaunchCount(launches).WithWarmupCount(0).WithIterationCount(1).WithInvocationCount(1).WithUnrollFactor(1).WithGcConcurrent(false);
        // Warm sessions take milliseconds: BenchmarkDotNet's default strategy picks how many to time per iteration.
        var warm = Job.Default.WithId("Warm").WithLaunchCount(1).WithIterationCount(iterations).WithGcConcurrent(false);
        var config = DefaultConfig.Instance.AddJob(cold).AddJob(warm).AddDiagnoser(BenchmarkDotNet.Diagnosers.MemoryDiagnoser.Default)
            .WithOptions(ConfigOptions.JoinSummary)
            .WithArtifactsPath(Path.Combine(AppContext.BaseDirectory, "BenchmarkDotNet.Artifacts"));
        var summary = BenchmarkRunner.Run<ModuleImportBenchmark>(config);
        return summary.HasCriticalValidationErrors || summary.Reports.Any(report => !report.Success) ? 1 : 0;
    }
}
