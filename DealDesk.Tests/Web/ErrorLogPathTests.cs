using System.Net;
using System.Text;
using DealDesk.Data.Seeding;
using DealDesk.Tests.Infrastructure;
using Serilog.Events;

namespace DealDesk.Tests.Web;

/// <summary>
/// The exception handler re-executes /error (and the status pages /status/{code}) with the request's path
/// switched: every log line about a failed or refused request must still name the request's own method and
/// path, or the log sends whoever reads it to the error page.
/// </summary>
public sealed class ErrorLogPathTests(LoggedAppFixture fixture) : IClassFixture<LoggedAppFixture>
{
    static readonly DemoData.DemoDealership North = DemoData.Dealerships[0];

    [Fact]
    public async Task A_denied_action_is_logged_with_its_own_path_not_the_error_page()
    {
        var quoteId = await OtherDealershipsQuoteAsync();
        using var client = await fixture.App.SignedInClientAsync(DemoData.SalesEmail(North, 1));
        var id = RequestLoggingTests.NewCorrelationId();
        var path = $"/api/quick-quotes/{quoteId}/convert";

        var response = await RequestLoggingTests.SendAsync(client, HttpMethod.Post, path, id, null);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        var denied = await fixture.Logs.WaitForAsync(e => LogCapture.Text(e, "CorrelationId") == id && LogCapture.Text(e, "ErrorCode") == "MULTI_TENANT_VIOLATION");
        Assert.Equal(path, LogCapture.Text(denied, "Path"));
        Assert.Contains($"on POST {path}", LogCapture.Message(denied));
        var completion = await fixture.Logs.CompletionAsync(id);
        Assert.Equal(("POST", path, "403"), (LogCapture.Text(completion, "RequestMethod"), LogCapture.Text(completion, "RequestPath"), LogCapture.Text(completion, "StatusCode")));
        AssertNoLineNamesTheErrorPage(id);
    }

    [Fact]
    public async Task A_form_post_refused_for_its_missing_token_is_logged_with_its_own_path()
    {
        using var client = await fixture.App.SignedInClientAsync(DemoData.SalesEmail(North, 2));
        var id = RequestLoggingTests.NewCorrelationId();

        var response = await RequestLoggingTests.SendAsync(client, HttpMethod.Post, "/quotes", id,
            new FormUrlEncodedContent(new Dictionary<string, string> { ["customerName"] = "No Token" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("/quotes", LogCapture.Text(await fixture.Logs.CompletionAsync(id), "RequestPath"));
        AssertNoLineNamesTheErrorPage(id);
    }

    [Fact]
    public async Task An_unreadable_api_request_is_logged_once_with_its_own_path_and_no_stack_trace()
    {
        using var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.App.BearerTokenAsync(DemoData.SalesEmail(North, 1)));
        var id = RequestLoggingTests.NewCorrelationId();

        var response = await RequestLoggingTests.SendAsync(client, HttpMethod.Post, "/api/deals", id, new StringContent("{ nope", Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var refused = await fixture.Logs.WaitForAsync(e => LogCapture.Text(e, "CorrelationId") == id && LogCapture.Text(e, "ErrorCode") == "VALIDATION_FAILED");
        Assert.Equal("/api/deals", LogCapture.Text(refused, "Path"));
        Assert.Null(refused.Exception);
        Assert.Equal("/api/deals", LogCapture.Text(await fixture.Logs.CompletionAsync(id), "RequestPath"));
        Assert.DoesNotContain(fixture.Logs.ForRequest(id), e => e.Level >= LogEventLevel.Error || e.Exception is not null);
        AssertNoLineNamesTheErrorPage(id);
    }

    void AssertNoLineNamesTheErrorPage(string correlationId)
    {
        var lines = fixture.Logs.ForRequest(correlationId);
        Assert.NotEmpty(lines);
        var wrong = lines.Where(e => LogCapture.Message(e).Contains("/error", StringComparison.Ordinal)
                                     || e.Properties.Values.Any(v => v.ToString().Trim('"').StartsWith("/error", StringComparison.Ordinal)))
            .Select(e => LogCapture.Message(e)).ToList();
        Assert.True(wrong.Count == 0, "Log lines naming the error page instead of the request:\n" + string.Join("\n", wrong));
    }

    /// <summary>An open quick quote of Southside's, written as the superuser (row-level security does not apply).</summary>
    async Task<Guid> OtherDealershipsQuoteAsync()
    {
        var demo = await fixture.Db.DemoAsync();
        var id = Guid.NewGuid();
        await fixture.Db.ExecuteAsync("""
            INSERT INTO quick_quotes (id, dealership_id, salesperson_id, customer_name, price, down_payment, trade_in_value, term_months, apr, monthly_payment, status)
            VALUES ($1, $2, $3, 'Southern Customer', 18000, 0, 0, 60, 6.9, 355.60, 'OPEN')
            """, id, demo.South.DealershipId, demo.South.Sales1Id);
        return id;
    }
}
