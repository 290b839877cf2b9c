using System.Net;
using DealDesk.Data.Seeding;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Web;

/// <summary>Serilog's request logging: one completion line per request, with who and which request it was.</summary>
public sealed class RequestLoggingTests(LoggedAppFixture fixture) : IClassFixture<LoggedAppFixture>
{
    static readonly DemoData.DemoDealership North = DemoData.Dealerships[0];

    [Fact]
    public async Task A_signed_in_request_is_logged_on_completion_with_its_correlation_id_dealership_and_user()
    {
        using var client = await fixture.App.SignedInClientAsync(DemoData.SalesEmail(North, 1));
        var demo = await fixture.Db.DemoAsync();
        var id = NewCorrelationId();

        var response = await SendAsync(client, HttpMethod.Get, "/inventory", id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = await fixture.Logs.CompletionAsync(id);
        Assert.Equal("GET", LogCapture.Text(line, "RequestMethod"));
        Assert.Equal("/inventory", LogCapture.Text(line, "RequestPath"));
        Assert.Equal("200", LogCapture.Text(line, "StatusCode"));
        Assert.Equal(demo.North.DealershipId.ToString(), LogCapture.Text(line, "DealershipId"));
        Assert.Equal(demo.North.Sales1Id.ToString(), LogCapture.Text(line, "UserId"));
        var text = LogCapture.Message(line);
        Assert.Contains("GET /inventory responded 200", text);
        Assert.Contains(demo.North.DealershipId.ToString(), text); // on the console and file line too, not only as a property
    }

    [Fact]
    public async Task An_api_request_with_a_bearer_token_is_logged_with_the_tokens_dealership()
    {
        var demo = await fixture.Db.DemoAsync();
        using var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new("Bearer", await fixture.App.BearerTokenAsync(DemoData.ManagerEmail(DemoData.Dealerships[1])));
        var id = NewCorrelationId();

        var response = await SendAsync(client, HttpMethod.Get, "/api/vehicles?q=zz", id);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var line = await fixture.Logs.CompletionAsync(id);
        Assert.Equal(demo.South.DealershipId.ToString(), LogCapture.Text(line, "DealershipId"));
        Assert.Equal(demo.South.ManagerId.ToString(), LogCapture.Text(line, "UserId"));
    }

    [Fact]
    public async Task A_re_executed_status_page_is_one_completion_line_with_the_requests_own_path()
    {
        using var client = fixture.App.CreateBrowserClient();
        var id = NewCorrelationId();

        var response = await SendAsync(client, HttpMethod.Get, "/does-not-exist", id);

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var line = await fixture.Logs.CompletionAsync(id);
        Assert.Equal("/does-not-exist", LogCapture.Text(line, "RequestPath"));
        Assert.Equal("404", LogCapture.Text(line, "StatusCode"));
        Assert.Null(LogCapture.Text(line, "DealershipId")); // nobody signed in
        Assert.Single(fixture.Logs.ForRequest(id), e => e.Properties.ContainsKey("Elapsed"));
    }

    [Fact]
    public async Task The_log_file_is_written_under_the_configured_root_not_the_working_directory()
    {
        using var client = fixture.App.CreateBrowserClient();
        var id = NewCorrelationId();

        await SendAsync(client, HttpMethod.Get, "/login", id);
        await fixture.Logs.CompletionAsync(id); // the file sink comes first: the line is in the file by now

        var files = Directory.GetFiles(Path.Combine(fixture.App.LogDirectory, "logs"), "dealdesk-*.log");
        var file = Assert.Single(files);
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        Assert.Contains($"{id} Serilog.AspNetCore.RequestLoggingMiddleware: HTTP GET /login responded 200", await new StreamReader(stream).ReadToEndAsync());
    }

    internal static string NewCorrelationId() => "test-" + Guid.NewGuid().ToString("N");

    internal static async Task<HttpResponseMessage> SendAsync(HttpClient client, HttpMethod method, string url, string correlationId, HttpContent? content = null)
    {
        using var request = new HttpRequestMessage(method, url) { Content = content };
        request.Headers.Add("X-Correlation-Id", correlationId);
        return await client.SendAsync(request);
    }
}
