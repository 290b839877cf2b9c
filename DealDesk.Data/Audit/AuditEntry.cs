namespace DealDesk.Data.Audit;

/// <summary>One line of the audit trail: who did what to which entity, when, with details as jsonb.</summary>
public sealed class AuditEntry
{
    public long Id { get; set; }
    public Guid DealershipId { get; set; }
    public Guid? UserId { get; set; }
    public DateTimeOffset OccurredAt { get; set; }
    public required string Action { get; set; }
    public required string EntityType { get; set; }
    public Guid EntityId { get; set; }
    /// <summary>jsonb: the other ids and values that explain the action.</summary>
    public string Metadata { get; set; } = "{}";
}
