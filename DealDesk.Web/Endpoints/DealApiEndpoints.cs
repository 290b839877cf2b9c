using DealDesk.Data.Customers;
using DealDesk.Data.Deals;
using DealDesk.Data.Inventory;
using DealDesk.Data.QuickQuotes;
using DealDesk.Web.Errors;
using Microsoft.AspNetCore.Mvc;

namespace DealDesk.Web.Endpoints;

/// <summary>The JSON API for integrations and QA: same services, same rules, same tenant as the pages.</summary>
internal static class DealApiEndpoints
{
    public static void MapDealApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").RequireAuthorization().AddEndpointFilter<ApiErrorFilter>();

        api.MapPost("/deals", async (CreateDealRequest request, [FromHeader(Name = "Idempotency-Key")] string? key,
            DealService deals, CancellationToken ct) =>
        {
            var result = await deals.CreateAsync(request, key, ct);
            return Results.Created($"/api/deals/{result.Deal.Id}", new Envelope<DealResult>(result));
        });
        api.MapGet("/deals/{id:guid}", async (Guid id, DealQueries queries, CancellationToken ct) =>
            Results.Ok(new Envelope<DealDetails>(await queries.GetAsync(id, ct))));
        api.MapGet("/deals", async (string? state, string? q, int? page, DealQueries queries, CancellationToken ct) =>
            Results.Ok(new Envelope<Paged<DealSummary>>(await queries.ListAsync(new DealSearch(state, q, page ?? 1), ct))));

        api.MapPost("/deals/{id:guid}/vehicle", async (Guid id, AttachVehicleRequest request, DealActions actions, CancellationToken ct) =>
            Results.Ok(new Envelope<DealResult>(await actions.AttachVehicleAsync(id, request, ct))));
        api.MapPost("/deals/{id:guid}/customer", async (Guid id, ChangeCustomerRequest request, DealActions actions, CancellationToken ct) =>
            Results.Ok(new Envelope<DealResult>(await actions.ChangeCustomerAsync(id, request, ct))));
        api.MapPost("/deals/{id:guid}/cancel", async (Guid id, DealActions actions, CancellationToken ct) =>
            Results.Ok(new Envelope<DealResult>(await actions.CancelAsync(id, ct))));
        api.MapPost("/deals/{id:guid}/deliver", async (Guid id, DealActions actions, CancellationToken ct) =>
            Results.Ok(new Envelope<DealResult>(await actions.DeliverAsync(id, ct))));

        // GET /api/vehicles and the vehicle writes: VehicleApiEndpoints.
        api.MapGet("/customers", async (string? q, CustomerQueries customers, CancellationToken ct) =>
            Results.Ok(new Envelope<IReadOnlyList<CustomerView>>(await customers.SearchAsync(q, 25, ct))));

        api.MapPost("/quick-quotes", async (QuickQuoteRequest request, QuickQuoteService quotes, CancellationToken ct) =>
        {
            var quote = await quotes.CreateAsync(request, ct);
            return Results.Created($"/api/quick-quotes/{quote.Id}", new Envelope<QuickQuoteView>(quote));
        });
        // The body is optional: without one (as before) the quote's customer is created; with {"existingCustomerId": "…"}
        // (or "customerId") the deal goes to that customer.
        api.MapPost("/quick-quotes/{id:guid}/convert", async (Guid id, ConvertQuickQuoteRequest? request, QuickQuoteService quotes, CancellationToken ct) =>
        {
            var result = await quotes.ConvertAsync(id, request ?? new ConvertQuickQuoteRequest(), ct);
            return Results.Created($"/api/deals/{result.Deal.Id}", new Envelope<DealResult>(result));
        });
    }
}
