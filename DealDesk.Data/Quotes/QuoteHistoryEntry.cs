namespace DealDesk.Data.Quotes;

/// <summary>
/// One row per version of a quote (table quote_history, keyed by quote and version, insert-only for the app): who
/// made it, when, what (<see cref="QuoteHistoryAction"/>) and <see cref="Changes"/>, a jsonb object of field →
/// { "from", "to" } (camelCase API names; lines as whole lists). Version 1 is the creation.
/// </summary>
public sealed class QuoteHistoryEntry
{
    public Guid DealershipId { get; set; }
    public Guid QuoteId { get; set; }
    public long Version { get; set; }
    public string Action { get; set; } = QuoteHistoryAction.Edited;
    public Guid UserId { get; set; }
    public DateTimeOffset ChangedAt { get; set; }
    public string Changes { get; set; } = "{}";
}

public static class QuoteHistoryAction
{
    public const string Created = "created";
    public const string Edited = "edited";
    public const string Renamed = "renamed";
    public const string Repriced = "repriced";
    public const string Sent = "sent";
    public const string Accepted = "accepted";
    public const string Rejected = "rejected";
    public const string Reopened = "reopened";
    public const string Cancelled = "cancelled";
}
