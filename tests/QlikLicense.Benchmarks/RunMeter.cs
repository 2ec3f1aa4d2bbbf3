using System.Diagnostics;

namespace QlikLicense.Benchmarks;

/// <summary>What one measured run cost this process.</summary>
/// <param name="AllocatedBytes">Managed bytes allocated during the run (GC.GetTotalAllocatedBytes, all threads).</param>
/// <param name="PeakManagedHeapBytes">Largest GC.GetTotalMemory seen while sampling every few milliseconds.</param>
/// <param name="WorkingSetBeforeBytes">The process's working set when the run started (runtime, engine, loaded code).</param>
/// <param name="PeakWorkingSetBytes">The process's peak working set during the run.</param>
/// <param name="PeakWorkingSetExact">True when the kernel's own high-water mark was reset at the start and read at the end;
/// false when only sampled (a short spike between samples can be missed).</param>
/// <param name="Cpu">Processor time this process used during the run, all threads (less sensitive than the wall time to a
/// busy machine, and without the simulated site's, which runs in another process).</param>
public sealed record RunMeasurement(
    TimeSpan Wall, long AllocatedBytes, long PeakManagedHeapBytes, long WorkingSetBeforeBytes, long PeakWorkingSetBytes, bool PeakWorkingSetExact,
    TimeSpan Cpu);

/// <summary>
/// Measures one run in this process: wall time, managed allocation, the managed heap's peak (sampled) and the
/// process's peak working set. On Linux the kernel's peak (VmHWM) is reset through /proc/self/clear_refs first, so
/// the peak belongs to this run and not to whatever the process did before.
/// </summary>
public sealed class RunMeter : IDisposable
{
    private static readonly TimeSpan SampleInterval = TimeSpan.FromMilliseconds(5);

    private readonly Stopwatch watch;
    private readonly long allocatedBefore;
    private readonly long workingSetBefore;
    private readonly TimeSpan cpuBefore;
    private readonly bool peakReset;
    private readonly Thread sampler;
    private volatile bool stopping;
    private long peakHeap;
    private long peakWorkingSet;

    private RunMeter()
    {
        // Measured clients run with the garbage collector pwsh runs with (ChildProcess sets it): background GC, whose
        // latency mode is Interactive; Batch means it is off, and the working set would measure another collector.
        if (System.Runtime.GCSettings.LatencyMode == System.Runtime.GCLatencyMode.Batch)
            throw new InvalidOperationException("Measured runs need background GC, as pwsh has it: start them through ChildProcess.");
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        workingSetBefore = Environment.WorkingSet;
        peakHeap = GC.GetTotalMemory(forceFullCollection: false);
        peakWorkingSet = workingSetBefore;
        peakReset = TryResetKernelPeak();
        allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        sampler = new Thread(Sample) { IsBackground = true, Name = "RunMeter", Priority = ThreadPriority.AboveNormal };
        sampler.Start();
        watch = Stopwatch.StartNew();
    }

    public static RunMeter Start() => new();

    public RunMeasurement Stop()
    {
        watch.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        stopping = true;
        sampler.Join();
        var peak = Math.Max(peakWorkingSet, Environment.WorkingSet);
        if (peakReset)
        {
            using var self = Process.GetCurrentProcess();
            peak = Math.Max(peak, self.PeakWorkingSet64);
        }
        return new RunMeasurement(watch.Elapsed, allocated, Interlocked.Read(ref peakHeap), workingSetBefore, peak, peakReset, cpu);
    }

    public void Dispose()
    {
        stopping = true;
        if (sampler.IsAlive) sampler.Join();
    }

    private void Sample()
    {
        while (!stopping)
        {
            var heap = GC.GetTotalMemory(forceFullCollection: false);
            if (heap > peakHeap) Interlocked.Exchange(ref peakHeap, heap);
            var workingSet = Environment.WorkingSet;
            if (workingSet > peakWorkingSet) peakWorkingSet = workingSet;
            Thread.Sleep(SampleInterval);
        }
    }

    /// <summary>Writing 5 to clear_refs resets VmHWM to the current RSS (Linux 4.0+); elsewhere only sampling is left.</summary>
    private static bool TryResetKernelPeak()
    {
        if (!OperatingSystem.IsLinux()) return false;
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
            return true;
        }
        catch (Exception error) when (error is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
