using DealDesk.Data.Errors;
using DealDesk.Data.Inventory;
using DealDesk.Data.QuickQuotes;
using DealDesk.Data.Tenancy;
using DealDesk.Web.Components.Layout;
using DealDesk.Web.Components.Pages.Deals;
using DealDesk.Web.Hosting;
using DealDesk.Web.Components.Pages.Quotes;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DealDesk.Web.Endpoints;

/// <summary>
/// The form posts of the quotes page (quote, convert). htmx gets the "Quick quote" card re-rendered (200: htmx swaps
/// only 2xx) or HX-Redirect; a browser without JavaScript gets 303 (to the saved quote, or to the new deal) or the
/// whole page again with the errors and the error's status.
/// </summary>
internal static class QuickQuotePageEndpoints
{
    public static void MapQuickQuotePages(this IEndpointRouteBuilder routes)
    {
        var quotes = routes.MapGroup("/quotes");

        // [FromForm] makes the antiforgery check mandatory (header from htmx, hidden field without JavaScript).
        quotes.MapPost("/quick", async ([FromForm] QuickQuoteFormModel? posted, HttpContext http, QuickQuoteService service,
            QuickQuoteQueries queries, IValidator<QuickQuoteRequest> validator, InventoryService inventory, CurrentDealership dealership,
            CancellationToken ct) =>
        {
            var form = posted ?? new(); // a form with none of the model's fields binds to null
            var htmx = http.Request.IsHtmx();
            if (form.IsBrowseIntent) // the vehicle picker's search, without JavaScript: the list again, nothing saved
                return CardResult(htmx, await QuickQuoteCardState.LoadAsync(form, inventory, ct: ct), StatusCodes.Status200OK);

            var request = form.ToRequest();
            var state = await QuickQuoteCardState.LoadAsync(form, inventory, ct: ct); // flags a chosen vehicle that is gone
            if (form.Errors.Any)
            {
                // Show the service's own field rules too, so every mistake is reported in one round trip.
                form.Errors.AddMissing(validator.Validate(request));
                var status = form.Errors.HasFieldErrors ? StatusCodes.Status400BadRequest : StatusCodes.Status409Conflict;
                return CardResult(htmx, state, status);
            }
            try
            {
                var created = await service.CreateAsync(request, ct);
                var location = $"/quotes?quote={created.Id}";
                if (!htmx) return Htmx.Navigate(http, location); // post/redirect/get: a reload does not quote twice
                http.Response.Headers["HX-Replace-Url"] = location; // a reload (or back from the deal) shows this quote again
                return new RazorComponentResult<QuickQuoteAnswer>(new
                {
                    State = state with { Quote = await queries.GetAsync(created.Id, ct) },
                    Recent = await queries.RecentAsync(ct: ct),
                    Time = await LocalTime.ForAsync(dealership, ct),
                });
            }
            catch (DealDeskException ex)
            {
                form.Errors.Apply(ex.Error);
                return CardResult(htmx, state, ex.Error.Status);
            }
        });

        // IFormCollection: binding the form is what makes the antiforgery check mandatory (there are no fields to read).
        quotes.MapPost("/{id:guid}/convert", async (Guid id, IFormCollection _, HttpContext http, QuickQuoteService service,
            QuickQuoteQueries queries, InventoryService inventory, CancellationToken ct) =>
        {
            var htmx = http.Request.IsHtmx();
            try
            {
                var result = await service.ConvertAsync(id, ct);
                return Htmx.Navigate(http, $"/deals/{result.Deal.Id}");
            }
            catch (DealDeskException ex) when (ex.Error.Code is not (ErrorCodes.ResourceNotFound or ErrorCodes.MultiTenantViolation))
            {
                // Refused: the card again, showing this quote and why (a quote that is not ours fails as a typed 404/403).
                var quote = await queries.GetAsync(id, ct);
                var form = QuickQuoteFormModel.From(quote);
                var vehicleTaken = ex.Error.Code == ErrorCodes.VehicleNotAvailable;
                if (vehicleTaken) form.Errors.Vehicle = ex.Error.Message;
                var state = await QuickQuoteCardState.LoadAsync(form, inventory, flagUnavailable: !quote.IsConverted, ct: ct);
                var error = ex.Error.Code switch
                {
                    ErrorCodes.QuoteAlreadyConverted => new QuoteError(ex.Error.Message, ex.Error.Details?.GetValueOrDefault("dealId") as Guid?),
                    ErrorCodes.VehicleNotAvailable => new QuoteError(ex.Error.Message + " Then quote again to convert."),
                    _ => new QuoteError(ex.Error.Message),
                };
                return CardResult(htmx, state with { Quote = quote, Error = error }, ex.Error.Status);
            }
        });
    }


    /// <summary>
    /// The card again with the user's input and the errors. htmx gets the card alone with 200 (htmx swaps only 2xx);
    /// a plain post gets the whole quotes page with the error's status.
    /// </summary>
    private static IResult CardResult(bool htmx, QuickQuoteCardState state, int status) =>
        htmx
            ? new RazorComponentResult<QuickQuoteAnswer>(new { State = state })
            : new RazorComponentResult<PageDocument>(new
            {
                Page = typeof(Quotes),
                PageParameters = new Dictionary<string, object> { ["State"] = state },
            }) { StatusCode = status };
}
