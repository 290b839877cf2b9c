using System.Text.RegularExpressions;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Web;

public sealed partial class CorrelationIdTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    const string Header = "X-Correlation-Id";

    [Theory]
    [InlineData("GET", "/login")]              // 200 page
    [InlineData("GET", "/inventory")]          // 302 to login
    [InlineData("GET", "/does-not-exist")]     // 404 page
    [InlineData("GET", "/css/app.css")]        // static file
    [InlineData("GET", "/api/deals")]          // 401 JSON
    [InlineData("POST", "/account/register")]  // closed endpoint
    [InlineData("POST", "/login")]             // 400: no antiforgery token
    public async Task Every_response_carries_a_correlation_id(string method, string path)
    {
        using var client = fixture.App.CreateBrowserClient();
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        if (method == "POST") request.Content = new FormUrlEncodedContent(new Dictionary<string, string>());

        var response = await client.SendAsync(request);

        var id = HttpAssert.Header(response, Header);
        Assert.NotNull(id);
        Assert.Matches(GeneratedId(), id);
    }

    [Fact]
    public async Task Generated_ids_differ_per_request()
    {
        using var client = fixture.App.CreateBrowserClient();

        var a = HttpAssert.Header(await client.GetAsync("/login"), Header);
        var b = HttpAssert.Header(await client.GetAsync("/login"), Header);

        Assert.NotEqual(a, b);
    }

    [Theory]
    [InlineData("req-2026.11.21_abc")]
    [InlineData("0123456789abcdef0123456789abcdef")]
    public async Task A_sane_incoming_id_is_echoed(string incoming)
    {
        using var client = fixture.App.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.Add(Header, incoming);

        var response = await client.SendAsync(request);

        Assert.Equal(incoming, HttpAssert.Header(response, Header));
    }

    [Theory]
    [InlineData("short")]                                     // under 8 characters
    [InlineData("has spaces in it")]
    [InlineData("<script>alert(1)</script>")]
    [InlineData("line\\nbreak-injection-attempt")]
    [InlineData("0123456789012345678901234567890123456789012345678901234567890123456789")] // over 64
    public async Task An_unsafe_incoming_id_is_replaced(string incoming)
    {
        using var client = fixture.App.CreateBrowserClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/login");
        request.Headers.TryAddWithoutValidation(Header, incoming);

        var response = await client.SendAsync(request);

        var id = HttpAssert.Header(response, Header);
        Assert.NotEqual(incoming, id);
        Assert.Matches(GeneratedId(), id);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{8,64}$")]
    private static partial Regex GeneratedId();
}
