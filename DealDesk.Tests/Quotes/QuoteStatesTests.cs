using DealDesk.Data.Errors;
using DealDesk.Data.Quotes;
using static DealDesk.Data.Quotes.QuoteAction;
using static DealDesk.Data.Quotes.QuoteState;

namespace DealDesk.Tests.Quotes;

public sealed class QuoteStatesTests
{
    static readonly DateTimeOffset Now = new(2025, 6, 2, 15, 0, 0, TimeSpan.Zero);
    static readonly DateTimeOffset Later = Now.AddDays(5);

    const string AlreadySent = ErrorCodes.QuoteAlreadySent, StateInvalid = ErrorCodes.QuoteStateInvalid;

    /// <summary>Every state × every action, before expiry: the next state, or the error code.</summary>
    public static TheoryData<string, QuoteAction, string> Matrix() => new()
    {
        { Draft, Edit, Draft }, { Draft, Send, Sent }, { Draft, Accept, StateInvalid }, { Draft, Reject, StateInvalid },
        { Draft, Reopen, StateInvalid }, { Draft, Cancel, Cancelled },

        { Sent, Edit, AlreadySent }, { Sent, Send, StateInvalid }, { Sent, Accept, Accepted }, { Sent, Reject, Rejected },
        { Sent, Reopen, StateInvalid }, { Sent, Cancel, Cancelled },

        { Accepted, Edit, AlreadySent }, { Accepted, Send, StateInvalid }, { Accepted, Accept, StateInvalid },
        { Accepted, Reject, StateInvalid }, { Accepted, Reopen, StateInvalid }, { Accepted, Cancel, StateInvalid },

        { Rejected, Edit, Draft }, { Rejected, Send, StateInvalid }, { Rejected, Accept, StateInvalid },
        { Rejected, Reject, StateInvalid }, { Rejected, Reopen, Draft }, { Rejected, Cancel, Cancelled },

        { Expired, Edit, Draft }, { Expired, Send, StateInvalid }, { Expired, Accept, StateInvalid },
        { Expired, Reject, StateInvalid }, { Expired, Reopen, Draft }, { Expired, Cancel, Cancelled },

        { Cancelled, Edit, StateInvalid }, { Cancelled, Send, StateInvalid }, { Cancelled, Accept, StateInvalid },
        { Cancelled, Reject, StateInvalid }, { Cancelled, Reopen, StateInvalid }, { Cancelled, Cancel, StateInvalid },
    };

    [Theory]
    [MemberData(nameof(Matrix))]
    public void Every_transition_is_legal_or_a_typed_409_never_a_silent_no_op(string from, QuoteAction action, string expected)
    {
        if (QuoteState.All.Contains(expected))
        {
            Assert.Equal(expected, QuoteStates.Transition(from, action, Now, Later));
            Assert.Contains(action, QuoteStates.AllowedActions(from, Now, Later));
            return;
        }
        var e = Assert.Throws<DealDeskException>(() => QuoteStates.Transition(from, action, Now, Later));
        Assert.Equal(expected, e.Error.Code);
        Assert.Equal(409, e.Error.Status);
        Assert.Equal(from, e.Error.Details!["state"]);
        Assert.DoesNotContain(action, QuoteStates.AllowedActions(from, Now, Later));
        Assert.False(string.IsNullOrWhiteSpace(e.Error.Message));
    }

    [Fact]
    public void The_matrix_covers_every_state_and_action()
    {
        var covered = Matrix().Select(row => ((string)row[0], (QuoteAction)row[1])).ToHashSet();
        Assert.Equal(QuoteState.All.Count * Enum.GetValues<QuoteAction>().Length, covered.Count);
    }

    [Theory]
    [InlineData(Draft)]
    [InlineData(Sent)]
    public void A_draft_or_sent_quote_past_its_expiry_is_expired_when_read(string state)
    {
        Assert.Equal(Expired, QuoteStates.Effective(state, Later, Later));            // at expiresAt exactly
        Assert.Equal(Expired, QuoteStates.Effective(state, Later.AddDays(1), Later));
        Assert.Equal(state, QuoteStates.Effective(state, Later.AddTicks(-1), Later));
    }

    [Theory]
    [InlineData(Accepted)]
    [InlineData(Rejected)]
    [InlineData(Cancelled)]
    [InlineData(Expired)]
    public void Answered_or_closed_quotes_keep_their_state_after_the_expiry(string state)
    {
        Assert.Equal(state, QuoteStates.Effective(state, Later.AddDays(30), Later));
    }

    [Fact]
    public void A_sent_quote_cannot_be_accepted_after_its_expiry()
    {
        var e = Assert.Throws<DealDeskException>(() => QuoteStates.Transition(Sent, Accept, Later.AddMinutes(1), Later));
        Assert.Equal(ErrorCodes.QuoteStateInvalid, e.Error.Code);
        Assert.Equal(Expired, e.Error.Details!["state"]);
        Assert.Equal(Later, e.Error.Details["expiresAt"]);
        Assert.Contains("expired", e.Error.Message);
    }

    [Fact]
    public void A_draft_past_its_expiry_cannot_be_sent_but_can_be_reopened_or_edited_back_to_draft()
    {
        var e = Assert.Throws<DealDeskException>(() => QuoteStates.Transition(Draft, Send, Later, Later));
        Assert.Equal(ErrorCodes.QuoteStateInvalid, e.Error.Code);
        Assert.Equal(Draft, QuoteStates.Transition(Draft, Reopen, Later, Later));
        Assert.Equal(Draft, QuoteStates.EnsureEditable(Sent, Later, Later));
    }

    [Theory]
    [InlineData(Draft, Draft)]
    [InlineData(Rejected, Draft)]
    [InlineData(Expired, Draft)]
    public void An_editable_quote_is_a_draft_after_the_edit(string state, string after)
    {
        Assert.Equal(after, QuoteStates.EnsureEditable(state, Now, Later));
    }

    [Theory]
    [InlineData(Sent, ErrorCodes.QuoteAlreadySent)]
    [InlineData(Accepted, ErrorCodes.QuoteAlreadySent)]
    [InlineData(Cancelled, ErrorCodes.QuoteStateInvalid)]
    public void Editing_a_locked_or_cancelled_quote_is_refused(string state, string code)
    {
        var e = Assert.Throws<DealDeskException>(() => QuoteStates.EnsureEditable(state, Now, Later));
        Assert.Equal(code, e.Error.Code);
        Assert.Equal(409, e.Error.Status);
    }

    [Fact]
    public void Sent_and_accepted_quotes_are_locked()
    {
        Assert.Equal([Sent, Accepted], QuoteState.All.Where(QuoteStates.IsLocked));
    }

    [Fact]
    public void A_quote_expires_seven_days_after_creation_by_default_and_between_1_and_90_days_otherwise()
    {
        Assert.Equal(Now.AddDays(7), QuoteStates.ExpiresAt(Now));
        Assert.Equal(Now.AddDays(1), QuoteStates.ExpiresAt(Now, 1));
        Assert.Equal(Now.AddDays(90), QuoteStates.ExpiresAt(Now, 90));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuoteStates.ExpiresAt(Now, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => QuoteStates.ExpiresAt(Now, 91));
        Assert.Equal(7, new QuoteInput().ExpiresInDays);
    }

    [Fact]
    public void An_unknown_state_is_a_programming_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => QuoteStates.Transition("OPEN", Send, Now, Later));
    }
}
