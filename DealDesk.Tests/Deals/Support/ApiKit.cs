using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Deals.Support;

/// <summary>JSON API calls as a signed-in user (Identity bearer token), answers parsed as JSON.</summary>
public static class ApiKit
{
    public sealed record Reply(HttpResponseMessage Response, string Body)
    {
        public int Status => (int)Response.StatusCode;

        public JsonElement Json => JsonDocument.Parse(Body).RootElement;

        public JsonElement Data => Json.GetProperty("data");

        public string? ErrorCode => Json.GetProperty("errorCode").GetString();

        public override string ToString() => $"HTTP {Status}: {Body}";
    }

    public static async Task<HttpClient> ClientAsync(DealDeskAppFactory app, string email)
    {
        var token = await app.BearerTokenAsync(email);
        var client = app.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = false });
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<Reply> PostAsync(HttpClient client, string url, object? body, string? idempotencyKey = null, string? correlationId = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, url) { Content = JsonContent.Create(body ?? new { }) };
        if (idempotencyKey is not null) request.Headers.Add("Idempotency-Key", idempotencyKey);
        if (correlationId is not null) request.Headers.Add("X-Correlation-Id", correlationId);
        return await SendAsync(client, request);
    }

    public static async Task<Reply> GetAsync(HttpClient client, string url) =>
        await SendAsync(client, new HttpRequestMessage(HttpMethod.Get, url));

    public static async Task<Reply> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        var response = await client.SendAsync(request);
        return new Reply(response, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The JSON error contract: success false, the code, a message, severity, retryable, a correlation id.</summary>
    public static void AssertError(Reply reply, int status, string code)
    {
        Assert.True(reply.Status == status, $"Expected HTTP {status} {code}, got {reply}");
        Assert.Equal("application/json", reply.Response.Content.Headers.ContentType?.MediaType);
        var json = reply.Json;
        Assert.False(json.GetProperty("success").GetBoolean());
        Assert.Equal(code, json.GetProperty("errorCode").GetString());
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("error").GetString()));
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("severity").GetString()));
        Assert.Contains(json.GetProperty("retryable").ValueKind, new[] { JsonValueKind.True, JsonValueKind.False });
        Assert.False(string.IsNullOrWhiteSpace(json.GetProperty("correlationId").GetString()));
        Assert.DoesNotContain("   at ", reply.Body, StringComparison.Ordinal); // no stack trace
        Assert.DoesNotContain("Exception", reply.Body, StringComparison.Ordinal);
    }
}
