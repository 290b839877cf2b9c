using DealDesk.Data.Quotes;
using DealDesk.Web.Errors;

namespace DealDesk.Web.Endpoints;

/// <summary>
/// The quote editor's JSON API: the same QuoteService and QuoteQueries as the editor, the same tenant and rules. Every
/// write carries the version it is based on (PATCH and transitions in the body or ?version=, DELETE in ?version=) and is
/// rate-limited per user (<see cref="QuoteRateLimits"/>). Bodies are read by <see cref="QuoteRequestJson"/>.
/// </summary>
internal static class QuoteApiEndpoints
{
    public static void MapQuoteApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").RequireAuthorization().AddEndpointFilter<ApiErrorFilter>();

        api.MapGet("/quotes/{id:guid}", async (Guid id, QuoteQueries quotes, CancellationToken ct) =>
            Results.Ok(new Envelope<QuoteResource>(QuoteResource.From(await quotes.GetAsync(id, ct)))));
        api.MapGet("/deals/{id:guid}/quotes", async (Guid id, QuoteQueries quotes, CancellationToken ct) =>
            Results.Ok(new Envelope<IReadOnlyList<QuoteResource>>([.. (await quotes.ListAsync(id, ct)).Select(QuoteResource.From)])));
        api.MapGet("/quotes/{id:guid}/history", async (Guid id, QuoteQueries quotes, CancellationToken ct) =>
            Results.Ok(new Envelope<IReadOnlyList<QuoteHistoryView>>(await quotes.HistoryAsync(id, ct))));
        api.MapGet("/quotes/{id:guid}/grid", async (Guid id, QuoteQueries quotes, CancellationToken ct) =>
            Results.Ok(new Envelope<PaymentGrid>(await quotes.GridAsync(id, ct))));
        api.MapGet("/quotes/compare", async (string? ids, QuoteQueries quotes, CancellationToken ct) =>
        {
            var parsed = (ids ?? "").Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(s => Guid.TryParse(s, out var g) ? g : (Guid?)null).ToList();
            if (parsed.Count == 0 || parsed.Any(g => g is null)) throw QuoteFailures.Field("ids", "Send ids=<quote id>,<quote id>[,<quote id>].");
            var comparison = await quotes.CompareAsync([.. parsed.Select(g => g!.Value)], ct);
            return Results.Ok(new Envelope<object>(new { quotes = comparison.Quotes.Select(QuoteResource.From), comparison.DifferingFields }));
        });

        var writes = api.MapGroup("").RequireRateLimiting(QuoteRateLimits.Policy);
        writes.MapPost("/deals/{id:guid}/quotes", async (Guid id, HttpRequest request, QuoteService service, CancellationToken ct) =>
        {
            var (patch, _) = QuoteRequestJson.ReadPatch(await QuoteRequestJson.ReadObjectAsync(request, emptyIsObject: true, ct));
            var quote = await service.CreateAsync(id, patch, ct);
            return Results.Created($"/api/quotes/{quote.Id}", QuoteSaved.From(quote));
        });
        writes.MapPatch("/quotes/{id:guid}", async (Guid id, HttpRequest request, QuoteService service, CancellationToken ct) =>
        {
            var body = await QuoteRequestJson.ReadObjectAsync(request, emptyIsObject: false, ct);
            var (patch, version) = QuoteRequestJson.ReadPatch(body);
            var expected = QuoteRequestJson.RequireVersion(request, body, version);
            return Results.Ok(QuoteSaved.From(await service.SaveAsync(id, patch, expected, ct)));
        });
        foreach (var (path, action) in new[]
                 {
                     ("send", QuoteAction.Send), ("accept", QuoteAction.Accept), ("reject", QuoteAction.Reject),
                     ("reopen", QuoteAction.Reopen), ("cancel", QuoteAction.Cancel),
                 })
            writes.MapPost($"/quotes/{{id:guid}}/{path}", async (Guid id, HttpRequest request, QuoteService service, CancellationToken ct) =>
            {
                var body = await QuoteRequestJson.ReadObjectAsync(request, emptyIsObject: true, ct);
                var expected = QuoteRequestJson.RequireVersion(request, body);
                return Results.Ok(QuoteSaved.From(await service.TransitionAsync(id, action, expected, ct)));
            });
        writes.MapPost("/quotes/{id:guid}/activate", async (Guid id, QuoteService service, CancellationToken ct) =>
            Results.Ok(QuoteSaved.From(await service.ActivateAsync(id, ct))));
        writes.MapPost("/quotes/{id:guid}/duplicate", async (Guid id, QuoteService service, CancellationToken ct) =>
        {
            var quote = await service.DuplicateAsync(id, ct);
            return Results.Created($"/api/quotes/{quote.Id}", QuoteSaved.From(quote));
        });
        writes.MapDelete("/quotes/{id:guid}", async (Guid id, HttpRequest request, QuoteService service, CancellationToken ct) =>
        {
            await service.DeleteAsync(id, QuoteRequestJson.RequireVersion(request, body: null), ct);
            return Results.Ok(new { success = true, quoteId = id, deleted = true });
        });
    }
}
