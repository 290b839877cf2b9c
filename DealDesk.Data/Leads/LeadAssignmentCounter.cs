namespace DealDesk.Data.Leads;

/// <summary>
/// The dealership's round-robin position. New leads increment it with an upsert, which holds the row lock until
/// commit: concurrent creations take consecutive values, so each salesperson gets every n-th lead.
/// </summary>
public sealed class LeadAssignmentCounter
{
    public Guid DealershipId { get; set; }
    public long LastValue { get; set; }
}
