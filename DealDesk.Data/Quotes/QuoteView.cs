using System.Text.Json;

namespace DealDesk.Data.Quotes;

/// <summary>
/// A quote as the editor binds to it: its inputs (edit a copy with <c>with</c>, save the difference with
/// <see cref="QuotePatch.Between"/>), the server's figures for them, its state as of now (a DRAFT or SENT quote past
/// <see cref="ExpiresAt"/> reads EXPIRED), the <see cref="Version"/> to send with the next save, who saved it last, and
/// what may be done to it now.
/// </summary>
public sealed record QuoteView
{
    public required Guid Id { get; init; }
    public required Guid DealId { get; init; }
    public required string DealNumber { get; init; }
    public required string Name { get; init; }
    /// <summary>The deal's active quote (the one its pages and totals use); it cannot be deleted.</summary>
    public required bool IsActive { get; init; }
    /// <summary>Effective state (<see cref="QuoteState"/>).</summary>
    public required string State { get; init; }
    /// <summary>SENT or ACCEPTED: the figures are what the customer saw; edits fail with QUOTE_ALREADY_SENT.</summary>
    public bool IsLocked => QuoteStates.IsLocked(State);
    public required long Version { get; init; }
    public required string Currency { get; init; }
    public required DateTimeOffset ExpiresAt { get; init; }
    public required QuoteInput Input { get; init; }
    public required QuoteFigures Figures { get; init; }
    /// <summary>State-machine actions legal now (Edit included when the quote can be edited).</summary>
    public required IReadOnlyList<QuoteAction> AllowedActions { get; init; }
    public required bool CanDelete { get; init; }
    public required bool CanActivate { get; init; }
    public required Guid LastModifiedById { get; init; }
    public required string? LastModifiedBy { get; init; }
    public required DateTimeOffset LastModifiedAt { get; init; }
    public required DateTimeOffset CreatedAt { get; init; }
}

/// <summary>One version of a quote: who, when, what, and each changed field's value before and after (as JSON).</summary>
public sealed record QuoteHistoryView(long Version, string Action, Guid UserId, string? UserName, DateTimeOffset ChangedAt,
    IReadOnlyDictionary<string, QuoteFieldChange> Changes);

/// <summary>A field's value before and after a save, as the API shows it (null: it had none).</summary>
public sealed record QuoteFieldChange(JsonElement? From, JsonElement? To);

/// <summary>Two or three quotes of one deal side by side, and the inputs that differ between them.</summary>
public sealed record QuoteComparison(IReadOnlyList<QuoteView> Quotes, IReadOnlyList<string> DifferingFields);
