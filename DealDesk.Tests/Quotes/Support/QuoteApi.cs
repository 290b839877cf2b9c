using System.Net.Http.Json;
using System.Text;
using DealDesk.Tests.Deals.Support;

namespace DealDesk.Tests.Quotes.Support;

/// <summary>The quote API's calls in one place: PATCH, DELETE and raw bodies, answers as <see cref="ApiKit.Reply"/>.</summary>
public static class QuoteApi
{
    public static Task<ApiKit.Reply> PatchAsync(HttpClient client, Guid id, object body) =>
        ApiKit.SendAsync(client, new HttpRequestMessage(HttpMethod.Patch, $"/api/quotes/{id}") { Content = JsonContent.Create(body) });

    public static Task<ApiKit.Reply> RawAsync(HttpClient client, HttpMethod method, string url, string body) =>
        ApiKit.SendAsync(client, new HttpRequestMessage(method, url) { Content = new StringContent(body, Encoding.UTF8, "application/json") });

    public static Task<ApiKit.Reply> DeleteAsync(HttpClient client, Guid id, long? version) =>
        ApiKit.SendAsync(client, new HttpRequestMessage(HttpMethod.Delete, version is { } v ? $"/api/quotes/{id}?version={v}" : $"/api/quotes/{id}"));

    /// <summary>POST /api/deals with a demo customer and no vehicle: the deal and its first quote's id.</summary>
    public static async Task<(Guid Deal, Guid Quote)> NewDealAsync(HttpClient client, decimal price = 30_000m)
    {
        var reply = await ApiKit.PostAsync(client, "/api/deals", new
        {
            customerData = new { firstName = "Quinn", lastName = "Quote" }, scenario = new { price },
        });
        Assert.True(reply.Status == 201, reply.ToString());
        return (reply.Data.GetProperty("deal").GetProperty("id").GetGuid(), reply.Data.GetProperty("deal").GetProperty("activeScenarioId").GetGuid());
    }
}
