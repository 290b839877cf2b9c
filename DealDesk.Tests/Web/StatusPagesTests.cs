using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Web;

public sealed class StatusPagesTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Unknown_page_is_a_404_with_the_friendly_page_even_when_signed_out()
    {
        using var client = fixture.App.CreateBrowserClient();

        var response = await client.GetAsync("/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.StartsWith("text/html", response.Content.Headers.ContentType?.ToString());
        var status = (await Html.ParseAsync(response)).QuerySelector("[data-testid=status-page]");
        Assert.NotNull(status);
        Assert.Contains("Page not found", status.TextContent);
        Assert.Contains(HttpAssert.Header(response, "X-Correlation-Id")!, status.TextContent); // the reference a user can quote
    }

    [Fact]
    public async Task Unknown_page_is_a_404_for_a_signed_in_user_too()
    {
        using var client = await fixture.App.SignedInClientAsync(Data.Seeding.DemoData.SalesEmail(Data.Seeding.DemoData.Dealerships[1], 1));

        var response = await client.GetAsync("/inventory/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.NotNull((await Html.ParseAsync(response)).QuerySelector("[data-testid=status-page]"));
    }

    [Fact]
    public async Task Unknown_api_route_answers_the_json_error_contract()
    {
        using var client = fixture.App.CreateBrowserClient();

        var response = await client.GetAsync("/api/does-not-exist");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal("RESOURCE_NOT_FOUND", body.GetProperty("errorCode").GetString());
        Assert.Equal(HttpAssert.Header(response, "X-Correlation-Id"), body.GetProperty("correlationId").GetString());
    }
}
