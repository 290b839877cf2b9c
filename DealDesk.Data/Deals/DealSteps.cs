namespace DealDesk.Data.Deals;

/// <summary>The ordered steps of deal creation; a test observer can fail the unit after any of them.</summary>
public enum DealStep
{
    CustomerResolved,
    NumberAllocated,
    DealInserted,
    VehicleReserved,
    ScenarioCreated,
    AuditWritten,
}

/// <summary>Seam for fault-injection tests: called after each step, inside the transaction.</summary>
public interface IDealStepObserver
{
    Task AfterAsync(DealStep step, DealDeskDbContext db, CancellationToken ct);
}
