using System.Collections.Concurrent;
using System.Diagnostics;
using DealDesk.Data.Errors;
using DealDesk.Data.Quotes;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Quotes.Support;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Xunit.Abstractions;

namespace DealDesk.Tests.Quotes;

/// <summary>
/// Saves racing on the same quotes, each in its own scope (own connection and unit of work): one winner per version,
/// typed conflicts for the rest, and no lost update, checked against the database. The class runs alone (its own
/// collection), so the 1,000 saves do not share the machine with other test classes' load.
/// </summary>
[Collection(nameof(QuoteConcurrencyTests))]
public sealed class QuoteConcurrencyTests(DatabaseFixture fixture, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    static readonly DateTimeOffset Now = new(2026, 12, 3, 15, 0, 0, TimeSpan.Zero);

    TestDatabase Db => fixture.Db;

    [Fact]
    public async Task Two_parallel_saves_on_the_same_version_give_one_save_and_one_conflict_naming_the_winner()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = DealHost.Create(Db, Now);
        var users = new[] { (north.Sales1Id, "Noah Bennett"), (north.Sales2Id, "Ava Brooks") };
        for (var round = 0; round < 10; round++)
        {
            Guid id;
            await using (var setup = host.Scope(north.DealershipId, north.Sales1Id))
                id = (await setup.NewDealAsync(Db, north)).Scenario.Id;
            var scopes = users.Select(u => host.Scope(north.DealershipId, u.Item1)).ToArray();
            try
            {
                var patches = new[] { new QuotePatch { DownPayment = 1_111m }, new QuotePatch { Discount = 222m, TermMonths = 72 } };
                var outcomes = await Together.RunAsync(2, i => scopes[i].Get<QuoteService>().SaveAsync(id, patches[i], 1));

                var winner = Assert.Single(outcomes, o => o.Succeeded);
                var loser = Assert.Single(outcomes, o => !o.Succeeded);
                var w = Array.IndexOf(outcomes, winner);
                var error = Assert.IsType<DealDeskException>(loser.Error).Error;
                Assert.Equal(ErrorCodes.QuoteConflictVersion, error.Code);
                Assert.Equal((1L, 2L), ((long)error.Details!["expectedVersion"]!, (long)error.Details["actualVersion"]!));
                Assert.Equal(users[w].Item2, error.Details["modifiedBy"]);
                Assert.Equal(w == 0 ? ["downPayment"] : new[] { "discount", "termMonths" }, (string[])error.Details["fields"]!);
                Assert.Equal(2, await QuoteData.VersionAsync(Db, id));
                Assert.Equal(2, await QuoteData.HistoryCountAsync(Db, id));
                Assert.Equal(w == 0 ? "1111.00|0.00" : "0.00|222.00",
                    await Db.ScalarAsync<string>("SELECT down_payment || '|' || discount FROM pricing_scenarios WHERE id = $1", id));
            }
            finally
            {
                foreach (var s in scopes) await s.DisposeAsync();
            }
        }
    }

    [Fact]
    public async Task Two_saves_that_both_passed_the_version_read_are_decided_by_the_row_update_one_save_one_conflict()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = DealHost.Create(Db, Now);
        Guid id;
        await using (var setup = host.Scope(north.DealershipId, north.Sales1Id))
            id = (await setup.NewDealAsync(Db, north)).Scenario.Id;
        await using var a = host.Scope(north.DealershipId, north.Sales1Id);
        await using var b = host.Scope(north.DealershipId, north.Sales2Id);

        // A third session holds the quote's row lock: both saves read version 1, then queue on their UPDATE.
        await using var holder = await Db.OpenSuperuserAsync();
        var tx = await holder.BeginTransactionAsync();
        await Sql.ExecuteAsync(holder, "SELECT 1 FROM pricing_scenarios WHERE id = $1 FOR UPDATE", id);
        var first = a.Get<QuoteService>().SaveAsync(id, new QuotePatch { DownPayment = 700m }, 1);
        var second = b.Get<QuoteService>().SaveAsync(id, new QuotePatch { DownPayment = 800m }, 1);
        await WaitForLockWaitersAsync(Db, id, count: 2);
        await tx.CommitAsync();
        var outcomes = await Task.WhenAll(Settle(first), Settle(second));

        Assert.Single(outcomes, o => o is null);
        Assert.Single(outcomes, o => o == ErrorCodes.QuoteConflictVersion);
        Assert.Equal(2, await QuoteData.VersionAsync(Db, id));
        Assert.Equal(2, await QuoteData.HistoryCountAsync(Db, id));
    }

    [Fact]
    public async Task A_thousand_concurrent_read_modify_save_clients_on_twenty_quotes_lose_no_update()
    {
        // 50 editors per quote: most attempts conflict. Three attempts each bound the work (~3,000 reads + saves).
        const int Clients = 1000, Quotes = 20, MaxAttempts = 3;
        var north = (await Db.DemoAsync()).North;
        await using var host = DealHost.Create(Db, Now);
        var quotes = new Guid[Quotes];
        await using (var setup = host.Scope(north.DealershipId, north.Sales1Id))
            for (var q = 0; q < Quotes; q++)
                quotes[q] = (await setup.NewDealAsync(Db, north, price: 40_000m)).Scenario.Id;
        var users = new[] { north.Sales1Id, north.Sales2Id, north.ManagerId };
        var saves = new ConcurrentBag<(Guid Quote, long Version, decimal Down, string Product)>();
        var attempts = 0;
        var clock = Stopwatch.StartNew();

        var outcomes = await Together.RunAsync(Clients, async i =>
        {
            await using var scope = host.Scope(north.DealershipId, users[i % users.Length], manager: i % users.Length == 2);
            var id = quotes[i % Quotes];
            for (var attempt = 1; ; attempt++)
            {
                var seen = await scope.Get<QuoteQueries>().GetAsync(id);
                var n = Interlocked.Increment(ref attempts);
                var down = 1_000m + n / 100m; // unique per attempt: each saved value can be traced
                var product = $"Client {i} attempt {attempt}";
                try
                {
                    var saved = await scope.Get<QuoteService>().SaveAsync(id, new QuotePatch
                    {
                        DownPayment = down, Products = Optional.Of<IReadOnlyList<ProductLine>>([new ProductLine(product, 100m + attempt, true)]),
                    }, seen.Version);
                    saves.Add((id, saved.Version, down, product));
                    return "saved";
                }
                catch (DealDeskException e) when (e.Error.Code == ErrorCodes.QuoteConflictVersion && attempt < MaxAttempts)
                {
                    // re-read and retry
                }
            }
        }, timeoutSeconds: 300);
        output.WriteLine($"{Clients} clients, {attempts} attempts, {saves.Count} saves in {clock.Elapsed.TotalSeconds:0.0} s");

        var failures = outcomes.Where(o => !o.Succeeded && o.Code != ErrorCodes.QuoteConflictVersion)
            .GroupBy(o => o.Code ?? o.Error!.GetType().Name + ": " + o.Error.Message).Select(g => $"{g.Count()} × {g.Key}").ToList();
        Assert.True(failures.Count == 0, "Neither saved nor a typed conflict: " + string.Join("; ", failures));
        Assert.Equal(Clients, outcomes.Count(o => o.Succeeded) + outcomes.Count(o => o.Code == ErrorCodes.QuoteConflictVersion));
        Assert.True(saves.Count >= Quotes, $"Only {saves.Count} saves");

        await using var c = await Db.OpenSuperuserAsync();
        foreach (var id in quotes)
        {
            var mine = saves.Where(s => s.Quote == id).OrderBy(s => s.Version).ToList();
            var (version, down, product, history) = (await Sql.ListAsync(c, """
                SELECT s.version, s.down_payment,
                       (SELECT string_agg(name, ',') FROM quote_lines l WHERE l.quote_id = s.id AND l.kind = 'PRODUCT'),
                       (SELECT count(*) FROM quote_history h WHERE h.quote_id = s.id)
                FROM pricing_scenarios s WHERE s.id = $1
                """, r => (r.GetInt64(0), r.GetDecimal(1), r.GetString(2), r.GetInt64(3)), id)).Single();
            // Every acknowledged save is a distinct version 2, 3, …: none was overwritten or merged away.
            Assert.Equal(Enumerable.Range(2, mine.Count).Select(v => (long)v), mine.Select(s => s.Version));
            Assert.Equal(1 + mine.Count, version);
            Assert.Equal(version, history);
            // The quote is exactly its last acknowledged save.
            Assert.Equal((mine[^1].Down, mine[^1].Product), (down, product));
            // And each version's history entry holds what that save sent.
            var logged = await Sql.ListAsync(c, """
                SELECT version, (changes -> 'downPayment' ->> 'to')::numeric FROM quote_history WHERE quote_id = $1 AND version > 1 ORDER BY version
                """, r => (r.GetInt64(0), r.GetDecimal(1)), id);
            Assert.Equal(mine.Select(s => (s.Version, s.Down)), logged);
        }
    }

    static async Task<string?> Settle(Task task)
    {
        try
        {
            await task;
            return null;
        }
        catch (DealDeskException e)
        {
            return e.Error.Code;
        }
    }

    /// <summary>Polls pg_stat_activity until <paramref name="count"/> saves wait on a lock (a condition, not a fixed sleep).</summary>
    static async Task WaitForLockWaitersAsync(TestDatabase db, Guid quoteId, int count)
    {
        var deadline = Stopwatch.StartNew();
        await using var probe = await db.OpenSuperuserAsync();
        while (true)
        {
            var waiting = await Sql.ScalarAsync<long>(probe,
                """
                SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND datname = current_database()
                  AND (query LIKE 'UPDATE%pricing_scenarios%' OR query LIKE 'INSERT%quote_history%')
                """);
            if (waiting >= count) return;
            if (deadline.Elapsed > TimeSpan.FromSeconds(20)) throw new TimeoutException($"Only {waiting} of {count} saves queued on quote {quoteId}'s row lock.");
            await Task.Delay(10);
        }
    }
}

[CollectionDefinition(nameof(QuoteConcurrencyTests), DisableParallelization = true)]
public sealed class QuoteConcurrencyCollection;
