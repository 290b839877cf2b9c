using DealDesk.Data.Errors;
using DealDesk.Data.Quotes;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Quotes.Support;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DealDesk.Tests.Quotes;

/// <summary>Database failures in the middle of a save: typed as the taxonomy says, nothing half-written.</summary>
public sealed class QuoteFailureTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    static readonly DateTimeOffset Now = new(2026, 12, 4, 15, 0, 0, TimeSpan.Zero);

    TestDatabase Db => fixture.Db;

    [Fact]
    public async Task A_write_that_fails_after_the_version_update_is_QUOTE_PERSISTENCE_FAILED_and_rolls_the_save_back()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = DealHost.Create(Db, Now);
        await using var scope = host.Scope(north.DealershipId, north.Sales1Id);
        var deal = await scope.NewDealAsync(Db, north);
        var id = deal.Scenario.Id;
        // The history insert, which follows the row's UPDATE, fails for this quote (as a full disk or a broken trigger would).
        await Db.ExecuteAsync($"""
            CREATE FUNCTION test_refuse_history() RETURNS trigger LANGUAGE plpgsql AS $$
            BEGIN
                IF NEW.quote_id = '{id}' THEN RAISE EXCEPTION 'history storage unavailable'; END IF;
                RETURN NEW;
            END $$;
            CREATE TRIGGER test_refuse_history BEFORE INSERT ON quote_history FOR EACH ROW EXECUTE FUNCTION test_refuse_history();
            """);
        try
        {
            var before = await DbSnapshot.TakeAsync(Db);

            var error = await DealKit.FailsAsync(() => scope.Get<QuoteService>().SaveAsync(id, new QuotePatch { DownPayment = 1_000m }, 1),
                ErrorCodes.QuotePersistenceFailed, 500);

            Assert.False(error.Retryable);
            Assert.DoesNotContain("history storage", error.Message, StringComparison.Ordinal); // the cause is logged, not shown
            await before.AssertUnchangedAsync(Db);
            Assert.Equal(1, await QuoteData.VersionAsync(Db, id));
        }
        finally
        {
            await Db.ExecuteAsync("DROP TRIGGER test_refuse_history ON quote_history; DROP FUNCTION test_refuse_history();");
        }
    }

    [Fact]
    public void Unexpected_database_failures_map_onto_the_taxonomy()
    {
        var aborted = QuoteFailures.Classify(new PostgresException("current transaction is aborted", "ERROR", "ERROR", "25P02"));
        var constraint = QuoteFailures.Classify(new DbUpdateException("save failed", new PostgresException("check violated", "ERROR", "ERROR", "23514")));
        var typed = QuoteFailures.Classify(new DealDeskException(QuoteErrors.AlreadySent(QuoteState.Sent)));

        Assert.Equal((ErrorCodes.DatabaseTransactionAborted, 503, true), (aborted!.Code, aborted.Status, aborted.Retryable));
        Assert.Equal((ErrorCodes.QuotePersistenceFailed, 500, false), (constraint!.Code, constraint.Status, constraint.Retryable));
        Assert.Equal(ErrorCodes.QuoteAlreadySent, typed!.Code);
        Assert.Null(QuoteFailures.Classify(new InvalidOperationException("a bug")));
    }
}
