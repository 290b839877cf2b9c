using DealDesk.Data.Errors;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DealDesk.Data.Quotes;

/// <summary>The quote services' own typed errors, and the mapping of unexpected database failures onto the taxonomy.</summary>
public static class QuoteFailures
{
    public const int MaxQuotesPerDeal = 20;

    public static AppError QuotaExceeded(int limit) =>
        new(ErrorCodes.QuotaExceeded, 409, $"A deal can have at most {limit} quotes. Delete one you no longer need first.",
            Details: new Dictionary<string, object?> { ["limit"] = limit });

    public static AppError DealClosed(string dealNumber, string dealState) =>
        AppError.Conflict(ErrorCodes.DealStateInvalid,
            $"Deal {dealNumber} is {dealState.ToLowerInvariant()}; its quotes can no longer change.",
            new Dictionary<string, object?> { ["dealNumber"] = dealNumber, ["state"] = dealState });

    public static AppError ActiveCannotBeDeleted() =>
        new(ErrorCodes.QuoteStateInvalid, 409, "This is the deal's active quote. Make another quote active before deleting it.",
            Details: new Dictionary<string, object?> { ["reason"] = "active" });

    public static AppError CancelledCannotBeActive() =>
        new(ErrorCodes.QuoteStateInvalid, 409, "A cancelled quote can't be the deal's active quote. Duplicate it to start again.",
            Details: new Dictionary<string, object?> { ["state"] = QuoteState.Cancelled });

    public static AppError TransactionAborted() =>
        new(ErrorCodes.DatabaseTransactionAborted, 503, "The database abandoned the save halfway; nothing was saved. Please try again.",
            ErrorSeverity.Error, Retryable: true);

    public static AppError PersistenceFailed() =>
        new(ErrorCodes.QuotePersistenceFailed, 500, "The quote could not be saved; nothing was changed. The error has been logged.",
            ErrorSeverity.Critical);

    public static DealDeskException Field(string field, string message) =>
        new(QuoteErrors.Validation(new Dictionary<string, string[]> { [field] = [message] }));

    /// <summary>
    /// An untyped failure of a quote write as the taxonomy names it: 25P02 (a statement ran in a transaction already
    /// aborted) → DATABASE_TRANSACTION_ABORTED; any other failed write (constraint, trigger, EF update error: the
    /// validation should have caught it) → QUOTE_PERSISTENCE_FAILED. Null for the rest (a bug: 500 INTERNAL_ERROR).
    /// Timeouts, lost connections and exhausted retries arrive already typed by the transaction runner.
    /// </summary>
    public static AppError? Classify(Exception exception) => exception switch
    {
        DealDeskException typed => typed.Error,
        _ when FindPostgres(exception)?.SqlState == "25P02" => TransactionAborted(),
        DbUpdateException or PostgresException => PersistenceFailed(),
        _ => null,
    };

    static PostgresException? FindPostgres(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is PostgresException pg) return pg;
        return null;
    }
}
