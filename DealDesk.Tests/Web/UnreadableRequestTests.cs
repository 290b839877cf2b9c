using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using DealDesk.Data.Seeding;
using DealDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DealDesk.Tests.Web;

/// <summary>
/// A request the server cannot read is the client's mistake: a typed 4xx in the JSON error contract (a page
/// for a browser's form post), never a 500 and never a stack trace, whatever the environment. Development
/// matters most: there the framework throws for unreadable requests instead of answering 400 itself.
/// </summary>
public abstract class UnreadableRequestTests(LoggedAppFixture fixture)
{
    protected abstract string Environment { get; }

    async Task<HttpClient> ApiClientAsync()
    {
        var client = fixture.App.CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer",
            await fixture.App.BearerTokenAsync(DemoData.SalesEmail(DemoData.Dealerships[0], 1)));
        return client;
    }

    static StringContent Body(string text, string mediaType = "application/json") => new(text, Encoding.UTF8, mediaType);

    [Fact]
    public void The_app_runs_in_the_environment_under_test()
    {
        Assert.Equal(Environment, fixture.App.Services.GetRequiredService<IHostEnvironment>().EnvironmentName);
    }

    [Fact]
    public async Task Malformed_json_is_a_400_validation_error_without_a_stack_trace()
    {
        using var client = await ApiClientAsync();
        var deals = await fixture.Db.ScalarAsync<long>("SELECT count(*) FROM deals");

        var response = await client.PostAsync("/api/deals", Body("{ \"customerId\": "));

        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Contains("JSON", body.GetProperty("error").GetString());
        var raw = body.GetRawText();
        Assert.DoesNotContain("   at ", raw);
        Assert.DoesNotContain("Exception", raw);
        Assert.DoesNotContain("CreateDealRequest", raw); // the framework's wording names .NET types: not for clients
        Assert.Equal(deals, await fixture.Db.ScalarAsync<long>("SELECT count(*) FROM deals"));
    }

    [Fact]
    public async Task Json_of_the_wrong_shape_is_a_400_that_says_where()
    {
        using var client = await ApiClientAsync();

        var response = await client.PostAsync("/api/deals", Body("""{ "scenario": { "price": "a lot" } }"""));

        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Equal("$.scenario.price", body.GetProperty("details").GetProperty("body").GetProperty("path").GetString());
        Assert.Contains("$.scenario.price", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task An_empty_body_is_a_400_validation_error()
    {
        using var client = await ApiClientAsync();

        var response = await client.PostAsync("/api/deals", Body(""));

        var body = await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
        Assert.Contains("no body", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task A_body_that_is_not_json_keeps_its_415_in_the_error_contract()
    {
        using var client = await ApiClientAsync();

        var response = await client.PostAsync("/api/deals", Body("customerId=1", "text/plain"));

        var body = await AssertErrorAsync(response, HttpStatusCode.UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE");
        Assert.Contains("application/json", body.GetProperty("error").GetString());
    }

    [Fact]
    public async Task Malformed_json_to_the_token_endpoint_is_a_400_validation_error_too()
    {
        using var client = fixture.App.CreateClient();

        var response = await client.PostAsync("/account/login?useCookies=false", Body("{ \"email\": "));

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task An_unparsable_query_parameter_is_a_400_not_a_500()
    {
        using var client = await ApiClientAsync();

        var response = await client.GetAsync("/api/deals?page=second");

        await AssertErrorAsync(response, HttpStatusCode.BadRequest, "VALIDATION_FAILED");
    }

    [Fact]
    public async Task A_browsers_form_post_without_its_token_is_refused_with_400_and_no_stack_trace()
    {
        using var client = await fixture.App.SignedInClientAsync(DemoData.SalesEmail(DemoData.Dealerships[0], 1));

        var response = await client.PostAsync("/quotes", new FormUrlEncodedContent(new Dictionary<string, string> { ["customerName"] = "No Token" }));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.DoesNotContain("   at ", await response.Content.ReadAsStringAsync());
    }

    async Task<JsonElement> AssertErrorAsync(HttpResponseMessage response, HttpStatusCode status, string code)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {(int)status} {code} in {Environment}, got {(int)response.StatusCode}: {text}");
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        var body = JsonDocument.Parse(text).RootElement;
        Assert.False(body.GetProperty("success").GetBoolean());
        Assert.Equal(code, body.GetProperty("errorCode").GetString());
        Assert.False(string.IsNullOrWhiteSpace(body.GetProperty("error").GetString()));
        Assert.Equal("warning", body.GetProperty("severity").GetString());
        Assert.False(body.GetProperty("retryable").GetBoolean());
        Assert.Equal(HttpAssert.Header(response, "X-Correlation-Id"), body.GetProperty("correlationId").GetString());
        Assert.True(body.TryGetProperty("details", out _));
        return body;
    }
}

public sealed class UnreadableRequestsInDevelopmentTests(DevelopmentAppFixture fixture)
    : UnreadableRequestTests(fixture), IClassFixture<DevelopmentAppFixture>
{
    protected override string Environment => Environments.Development;
}

public sealed class UnreadableRequestsInProductionTests(ProductionAppFixture fixture)
    : UnreadableRequestTests(fixture), IClassFixture<ProductionAppFixture>
{
    protected override string Environment => Environments.Production;
}
