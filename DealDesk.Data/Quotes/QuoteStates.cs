using DealDesk.Data.Errors;

namespace DealDesk.Data.Quotes;

/// <summary>A quote's lifecycle state, stored as these strings.</summary>
public static class QuoteState
{
    public const string Draft = "DRAFT";
    public const string Sent = "SENT";
    public const string Accepted = "ACCEPTED";
    public const string Rejected = "REJECTED";
    public const string Expired = "EXPIRED";
    public const string Cancelled = "CANCELLED";
    public static readonly IReadOnlyList<string> All = [Draft, Sent, Accepted, Rejected, Expired, Cancelled];
}

/// <summary>What a salesperson (or the customer, through them) does to a quote.</summary>
public enum QuoteAction { Edit, Send, Accept, Reject, Reopen, Cancel }

/// <summary>
/// The quote state machine. DRAFT → SENT (presented to the customer: locked) → ACCEPTED (locked) or REJECTED
/// (editable again: an edit or Reopen takes it back to DRAFT); DRAFT and SENT quotes are EXPIRED once
/// <c>now ≥ expiresAt</c>, whatever is stored (an expired quote can be reopened to DRAFT or cancelled); CANCELLED is
/// terminal; ACCEPTED is final here (undoing a sale belongs to the deal). Anything else is an error, never a silent
/// no-op: editing a SENT/ACCEPTED quote is QUOTE_ALREADY_SENT, every other illegal move QUOTE_STATE_INVALID (both 409).
/// <para>Leaving EXPIRED (Edit/Reopen) needs a new expiry, or the quote reads as expired again: set
/// <c>expiresAt = ExpiresAt(now, days)</c> in the same write.</para>
/// </summary>
public static class QuoteStates
{
    public const int DefaultExpiryDays = 7;
    public const int MinExpiryDays = 1;
    public const int MaxExpiryDays = 90;

    static readonly Dictionary<string, Dictionary<QuoteAction, string>> Moves = new()
    {
        [QuoteState.Draft] = new() { [QuoteAction.Edit] = QuoteState.Draft, [QuoteAction.Send] = QuoteState.Sent, [QuoteAction.Cancel] = QuoteState.Cancelled },
        [QuoteState.Sent] = new() { [QuoteAction.Accept] = QuoteState.Accepted, [QuoteAction.Reject] = QuoteState.Rejected, [QuoteAction.Cancel] = QuoteState.Cancelled },
        [QuoteState.Accepted] = new(),
        [QuoteState.Rejected] = new() { [QuoteAction.Edit] = QuoteState.Draft, [QuoteAction.Reopen] = QuoteState.Draft, [QuoteAction.Cancel] = QuoteState.Cancelled },
        [QuoteState.Expired] = new() { [QuoteAction.Edit] = QuoteState.Draft, [QuoteAction.Reopen] = QuoteState.Draft, [QuoteAction.Cancel] = QuoteState.Cancelled },
        [QuoteState.Cancelled] = new(),
    };

    /// <summary>When a quote created (or renewed) at <paramref name="from"/> for <paramref name="days"/> days expires.</summary>
    public static DateTimeOffset ExpiresAt(DateTimeOffset from, int days = DefaultExpiryDays)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(days, MinExpiryDays);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(days, MaxExpiryDays);
        return from.AddDays(days);
    }

    /// <summary>The state as of <paramref name="now"/>: a DRAFT or SENT quote past its expiry is EXPIRED.</summary>
    public static string Effective(string state, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        Known(state);
        return state is QuoteState.Draft or QuoteState.Sent && now >= expiresAt ? QuoteState.Expired : state;
    }

    /// <summary>SENT and ACCEPTED quotes are locked: their figures are what the customer saw.</summary>
    public static bool IsLocked(string state) => state is QuoteState.Sent or QuoteState.Accepted;

    /// <summary>The actions legal in the quote's state as of <paramref name="now"/> (for enabling buttons).</summary>
    public static IReadOnlyList<QuoteAction> AllowedActions(string state, DateTimeOffset now, DateTimeOffset expiresAt) =>
        [.. Moves[Effective(state, now, expiresAt)].Keys];

    /// <summary>The state after <paramref name="action"/>, or a typed 409 (QUOTE_ALREADY_SENT / QUOTE_STATE_INVALID).</summary>
    public static string Transition(string current, QuoteAction action, DateTimeOffset now, DateTimeOffset expiresAt)
    {
        var state = Effective(current, now, expiresAt);
        if (Moves[state].TryGetValue(action, out var next)) return next;
        if (action == QuoteAction.Edit && IsLocked(state)) throw new DealDeskException(QuoteErrors.AlreadySent(state));
        throw new DealDeskException(QuoteErrors.StateInvalid(state, action, [.. Moves[state].Keys], Explain(state, action, expiresAt),
            state == QuoteState.Expired ? expiresAt : null));
    }

    /// <summary>Checks an edit is allowed and returns the state the edited quote is in (always DRAFT).</summary>
    public static string EnsureEditable(string current, DateTimeOffset now, DateTimeOffset expiresAt) =>
        Transition(current, QuoteAction.Edit, now, expiresAt);

    static string Explain(string state, QuoteAction action, DateTimeOffset expiresAt) => (state, action) switch
    {
        (QuoteState.Expired, _) => $"This quote expired on {expiresAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC. Reopen it (with a new expiry) or start a new one.",
        (QuoteState.Cancelled, _) => "This quote was cancelled; start a new quote instead.",
        (QuoteState.Accepted, _) => "The customer accepted this quote; nothing more can be done to it here.",
        (QuoteState.Draft, QuoteAction.Accept or QuoteAction.Reject) => "Present the quote to the customer (send it) before recording their answer.",
        (QuoteState.Draft, QuoteAction.Reopen) => "This quote is already a draft.",
        (QuoteState.Sent, QuoteAction.Send) => "This quote has already been sent.",
        (QuoteState.Sent, QuoteAction.Reopen) => "A sent quote can't be reopened; mark it rejected to revise it.",
        (QuoteState.Rejected, QuoteAction.Send) => "Revise the rejected quote (reopen or edit it) before sending it again.",
        (QuoteState.Rejected, QuoteAction.Accept or QuoteAction.Reject) => "The customer already rejected this quote.",
        _ => $"{action} is not possible for a quote in state {state}.",
    };

    static void Known(string state)
    {
        if (state is null || !Moves.ContainsKey(state))
            throw new ArgumentOutOfRangeException(nameof(state), state, "Not a quote state.");
    }
}
