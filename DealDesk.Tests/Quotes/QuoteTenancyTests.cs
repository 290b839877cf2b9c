using DealDesk.Data.Errors;
using DealDesk.Data.Quotes;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Quotes.Support;
using Npgsql;

namespace DealDesk.Tests.Quotes;

/// <summary>Another dealership's quotes and deals: 403 on every quote endpoint, nothing read, nothing written; and the database refuses them too.</summary>
public sealed class QuoteTenancyTests(QuoteAppFixture fixture) : IClassFixture<QuoteAppFixture>
{
    TestDatabase Db => fixture.Db;

    [Fact]
    public async Task Every_quote_endpoint_answers_403_for_another_dealerships_quote_and_writes_nothing()
    {
        using var south = await ApiKit.ClientAsync(fixture.App, "sales1@southside.test");
        using var north = await ApiKit.ClientAsync(fixture.App, "sales1@northside.test");
        var (deal, quote) = await QuoteApi.NewDealAsync(south);
        var (_, own) = await QuoteApi.NewDealAsync(north);
        var before = await DbSnapshot.TakeAsync(Db);

        var replies = new Dictionary<string, ApiKit.Reply>
        {
            ["GET quote"] = await ApiKit.GetAsync(north, $"/api/quotes/{quote}"),
            ["GET history"] = await ApiKit.GetAsync(north, $"/api/quotes/{quote}/history"),
            ["GET grid"] = await ApiKit.GetAsync(north, $"/api/quotes/{quote}/grid"),
            ["GET list"] = await ApiKit.GetAsync(north, $"/api/deals/{deal}/quotes"),
            ["GET compare"] = await ApiKit.GetAsync(north, $"/api/quotes/compare?ids={own},{quote}"),
            ["POST create"] = await ApiKit.PostAsync(north, $"/api/deals/{deal}/quotes", new { name = "Mine now" }),
            ["PATCH"] = await QuoteApi.PatchAsync(north, quote, new { version = 1, discount = 5_000 }),
            ["POST send"] = await ApiKit.PostAsync(north, $"/api/quotes/{quote}/send", new { version = 1 }),
            ["POST accept"] = await ApiKit.PostAsync(north, $"/api/quotes/{quote}/accept", new { version = 1 }),
            ["POST reject"] = await ApiKit.PostAsync(north, $"/api/quotes/{quote}/reject", new { version = 1 }),
            ["POST reopen"] = await ApiKit.PostAsync(north, $"/api/quotes/{quote}/reopen", new { version = 1 }),
            ["POST cancel"] = await ApiKit.PostAsync(north, $"/api/quotes/{quote}/cancel", new { version = 1 }),
            ["POST activate"] = await ApiKit.PostAsync(north, $"/api/quotes/{quote}/activate", null),
            ["POST duplicate"] = await ApiKit.PostAsync(north, $"/api/quotes/{quote}/duplicate", null),
            ["DELETE"] = await QuoteApi.DeleteAsync(north, quote, 1),
        };

        foreach (var (call, reply) in replies)
        {
            Assert.True(reply.Status == 403, $"{call}: {reply}");
            ApiKit.AssertError(reply, 403, ErrorCodes.MultiTenantViolation);
            Assert.DoesNotContain("Quinn", reply.Body, StringComparison.Ordinal); // nothing of the other dealership leaks
        }
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task Row_level_security_hides_and_refuses_other_dealerships_quote_lines_and_history()
    {
        var demo = await Db.DemoAsync();
        using var south = await ApiKit.ClientAsync(fixture.App, "sales2@southside.test");
        var (_, quote) = await QuoteApi.NewDealAsync(south);

        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Db.AppConnectionString) { Pooling = false }.ConnectionString);
        await c.OpenAsync();
        await Sql.SetTenantAsync(c, demo.North.DealershipId);

        Assert.Equal(0, await Sql.ScalarAsync<long>(c, "SELECT count(*) FROM quote_lines WHERE quote_id = $1", quote));
        Assert.Equal(0, await Sql.ScalarAsync<long>(c, "SELECT count(*) FROM quote_history WHERE quote_id = $1", quote));
        var insert = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(c, """
            INSERT INTO quote_lines (dealership_id, quote_id, kind, position, name, amount, taxable) VALUES ($1, $2, 'FEE', 9, 'Sneaky', 1, false)
            """, demo.South.DealershipId, quote));
        Assert.Equal("42501", insert.SqlState); // new row violates row-level security policy
        var update = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(c,
            "UPDATE quote_history SET changes = '{}' WHERE quote_id = $1", quote));
        Assert.Equal("42501", update.SqlState); // the history is insert-only for the app
        Assert.Equal(1, await Db.ScalarAsync<long>("SELECT count(*) FROM quote_history WHERE quote_id = $1", quote));
    }
}
