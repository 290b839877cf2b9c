namespace DealDesk.Data.Leads;

/// <summary>Someone who may buy: always created together with its conversation (create_lead_with_conversation).</summary>
public sealed class Lead
{
    public Guid Id { get; set; }
    public Guid DealershipId { get; set; }
    /// <summary>E.164.</summary>
    public required string CustomerPhone { get; set; }
    public required string CustomerName { get; set; }
    public string Type { get; set; } = LeadTypes.Other;
    public string? Details { get; set; }
    public string Status { get; set; } = LeadStatuses.New;
    public string Source { get; set; } = LeadSources.Web;
    public Guid? AssignedTo { get; set; }
    public Guid? DealId { get; set; }
    public string? Notes { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset UpdatedAt { get; set; }
    /// <summary>When the dealership first answered (the first outbound message queued): the first-response SLA.</summary>
    public DateTimeOffset? FirstResponseAt { get; set; }
}
