namespace DealDesk.Bench.Circuits;

/// <summary>
/// One row of the interactive level: N signed-in circuits. Memory is the app's process (the app is hosted
/// in the benchmark's process; Chromium and Playwright's driver run in their own), per circuit = the growth
/// over the baseline taken with no circuit open, divided by N.
/// </summary>
public sealed record CircuitResult(
    int Circuits,
    double IdleWorkingSetPerCircuitMb,
    double IdleHeapPerCircuitMb,
    double ActiveWorkingSetPerCircuitMb,
    double ActiveHeapPerCircuitMb,
    LatencyStats Interactions,
    LatencyStats Creations,
    int Errors);
