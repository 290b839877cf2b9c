using DealDesk.Data.Errors;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Quotes.Support;

namespace DealDesk.Tests.Quotes;

/// <summary>Quote saves through the API are limited per user (RateLimits:QuoteSaves; here 3 per hour so the window cannot renew mid-test).</summary>
public sealed class QuoteRateLimitTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    const int Limit = 3;
    RateLimitedAppFactory _app = null!;

    public Task InitializeAsync()
    {
        _app = new RateLimitedAppFactory(fixture.Db, permitLimit: Limit, windowSeconds: 3600);
        _ = _app.Server;
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await _app.DisposeAsync();

    [Fact]
    public async Task Past_the_limit_a_users_saves_answer_429_with_Retry_After_while_reads_and_other_users_go_on()
    {
        using var noah = await ApiKit.ClientAsync(_app, "sales1@northside.test");
        using var ava = await ApiKit.ClientAsync(_app, "sales2@northside.test");
        var (_, id) = await QuoteApi.NewDealAsync(noah);

        var allowed = new List<ApiKit.Reply>();
        for (var version = 1; version <= Limit; version++)
            allowed.Add(await QuoteApi.PatchAsync(noah, id, new { version, downPayment = 100 * version }));
        var before = await DbSnapshot.TakeAsync(fixture.Db);
        var limited = await QuoteApi.PatchAsync(noah, id, new { version = Limit + 1, downPayment = 999 });
        var limitedSend = await ApiKit.PostAsync(noah, $"/api/quotes/{id}/send", new { version = Limit + 1 });
        await before.AssertUnchangedAsync(fixture.Db);
        var read = await ApiKit.GetAsync(noah, $"/api/quotes/{id}");
        var otherUser = await QuoteApi.PatchAsync(ava, id, new { version = Limit + 1, downPayment = 999 });

        Assert.All(allowed, r => Assert.True(r.Status == 200, r.ToString()));
        foreach (var reply in new[] { limited, limitedSend })
        {
            ApiKit.AssertError(reply, 429, ErrorCodes.RateLimitExceeded);
            Assert.True(reply.Json.GetProperty("retryable").GetBoolean());
            var retryAfter = int.Parse(Assert.Single(reply.Response.Headers.GetValues("Retry-After")), System.Globalization.CultureInfo.InvariantCulture);
            Assert.InRange(retryAfter, 1, 3600);
            Assert.Equal(retryAfter, reply.Json.GetProperty("details").GetProperty("retryAfterSeconds").GetInt32());
            Assert.Equal(Limit, reply.Json.GetProperty("details").GetProperty("permitLimit").GetInt32());
        }
        Assert.Equal(200, read.Status);
        Assert.True(otherUser.Status == 200, otherUser.ToString());
    }
}
