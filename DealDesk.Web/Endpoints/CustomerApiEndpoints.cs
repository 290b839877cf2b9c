using DealDesk.Data.Customers;
using DealDesk.Data.Inventory;
using DealDesk.Web.Accounts;
using DealDesk.Web.Errors;

namespace DealDesk.Web.Endpoints;

/// <summary>
/// Customer records for API clients (GET /api/customers?q= is the deal dialog's search, in DealApiEndpoints).
/// POST and PUT answer 409 CUSTOMER_DUPLICATE with the matches when the phone or email is another customer's;
/// <c>?allowDuplicate=true</c> saves anyway. Merging is for managers.
/// </summary>
internal static class CustomerApiEndpoints
{
    public static void MapCustomerApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api/customers").RequireAuthorization().AddEndpointFilter<ApiErrorFilter>();

        api.MapGet("/list", async (string? q, int? page, int? pageSize, string? sort, bool? desc, CustomerQueries queries, CancellationToken ct) =>
            Results.Ok(new Envelope<Paged<CustomerSummary>>(await queries.ListAsync(new CustomerSearch(q, page ?? 1, pageSize ?? 25, sort, desc ?? false), ct))));
        api.MapGet("/{id:guid}", async (Guid id, CustomerQueries queries, CancellationToken ct) =>
            Results.Ok(new Envelope<CustomerDetails>(await queries.GetDetailsAsync(id, ct))));
        api.MapPost("", async (CustomerRequest request, bool? allowDuplicate, CustomerService customers, CancellationToken ct) =>
        {
            var created = await customers.CreateAsync(request, allowDuplicate ?? false, ct);
            return Results.Created($"/api/customers/{created.Id}", new Envelope<CustomerRecord>(created));
        });
        api.MapPut("/{id:guid}", async (Guid id, CustomerRequest request, bool? allowDuplicate, CustomerService customers, CancellationToken ct) =>
            Results.Ok(new Envelope<CustomerRecord>(await customers.UpdateAsync(id, request, allowDuplicate ?? false, ct))));
        api.MapPost("/{id:guid}/merge", async (Guid id, MergeCustomersRequest request, CustomerService customers, CancellationToken ct) =>
            Results.Ok(new Envelope<CustomerRecord>(await customers.MergeAsync(id, request, ct))))
            .RequireAuthorization(Policies.Manager);
    }
}
