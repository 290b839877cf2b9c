namespace DealDesk.Bench.Circuits;

/// <summary>
/// One row of the interactive level: N signed-in circuits. Memory is the app's process (the app is hosted
/// in the benchmark's process; Chromium and Playwright's driver run in their own), per circuit = the growth
/// over the baseline taken with no circuit open, divided by N. IdleCpu / ActiveCpu: each process group's CPU over
/// 10 s with the pages untouched, and over the active window (<see cref="CpuShare"/>).
/// </summary>
public sealed record CircuitResult(
    int Circuits,
    double IdleWorkingSetPerCircuitMb,
    double IdleHeapPerCircuitMb,
    double ActiveWorkingSetPerCircuitMb,
    double ActiveHeapPerCircuitMb,
    LatencyStats Interactions,
    LatencyStats Creations,
    CpuUse IdleCpu,
    CpuUse ActiveCpu,
    int Errors);
