using System.Diagnostics;

namespace DealDesk.Bench.Circuits;

/// <summary>The hosting process's memory after a full, compacting collection (so garbage does not count as circuit state).</summary>
public readonly record struct Memory(double WorkingSetMb, double HeapMb)
{
    public static Memory Measure()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Forced, blocking: true, compacting: true);
        using var process = Process.GetCurrentProcess();
        return new Memory(process.WorkingSet64 / 1048576.0, GC.GetTotalMemory(forceFullCollection: false) / 1048576.0);
    }
}
