using DealDesk.Data.Customers;
using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Inventory;
using DealDesk.Data.Tenancy;
using DealDesk.Web.Components.Layout;
using DealDesk.Web.Components.Pages.Deals;
using DealDesk.Web.Components.Shared;
using DealDesk.Web.Hosting;
using FluentValidation;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace DealDesk.Web.Endpoints;

/// <summary>
/// htmx fragment endpoints of the deals pages (dialog, pickers, actions). The form posts also serve
/// browsers without JavaScript: no HX-Request header → 303 to the deal, or the whole page again with errors.
/// </summary>
internal static class DealPageEndpoints
{
    public static void MapDealPages(this IEndpointRouteBuilder routes)
    {
        var deals = routes.MapGroup("/deals");

        // The deal list for a search, swapped in as the user types; the address bar follows (reload keeps the filter).
        deals.MapGet("/rows", async (string? q, string? state, int? page, HttpContext http, DealQueries queries,
            CurrentDealership dealership, CancellationToken ct) =>
        {
            var search = new DealSearch(state, q, page ?? 1);
            var result = await queries.ListAsync(search, ct);
            http.Response.Headers["HX-Replace-Url"] = $"/deals?q={Uri.EscapeDataString(q ?? "")}&state={Uri.EscapeDataString(state ?? "")}&page={result.Page}";
            return new RazorComponentResult<DealTable>(new { Search = search, Result = result, Time = await LocalTime.ForAsync(dealership, ct) });
        });

        // The creation dialog; a new idempotency key per opening.
        deals.MapGet("/dialog", async (string? vehicleId, HttpContext http, InventoryService inventory, CustomerQueries customers, CancellationToken ct) =>
        {
            var model = DealFormModel.Fresh(Guid.TryParse(vehicleId, out var v) ? v : null, inDialog: true);
            var options = await DealFormData.LoadAsync(model, http.User, inventory, customers, ct);
            return new RazorComponentResult<DealDialog>(new { Model = model, Options = options });
        });

        deals.MapGet("/customers", async (string? customerQuery, CustomerQueries customers, CancellationToken ct) =>
            new RazorComponentResult<CustomerResults>(new
            {
                Query = customerQuery,
                Matches = await DealFormData.CustomerMatchesAsync(customers, customerQuery, ct),
            }));

        // Picking a result (or "change") swaps the chosen-customer block; the name is display only, the id is checked on save.
        deals.MapGet("/customer-choice", (string? customerId, string? customerName) =>
            new RazorComponentResult<ExistingCustomer>(new
            {
                CustomerId = Guid.TryParse(customerId, out var id) ? id.ToString() : null,
                CustomerName = customerName,
                AutoFocus = true, // after "change", straight back to typing (htmx honours autofocus in swapped content)
            }));

        deals.MapGet("/vehicles", async (string? vehicleQuery, string? vehicleId, InventoryService inventory, CancellationToken ct) =>
            new RazorComponentResult<VehicleOptions>(new
            {
                Choices = await DealFormData.VehiclesAsync(inventory, vehicleQuery, vehicleId, ct),
                SelectedId = vehicleId,
                Query = vehicleQuery,
            }));

        // [FromForm] makes the antiforgery check mandatory (header from htmx, hidden field without JavaScript).
        deals.MapPost("/create", async ([FromForm] DealFormModel? posted, HttpContext http, DealService service,
            IValidator<CreateDealRequest> validator, InventoryService inventory, CustomerQueries customers, CancellationToken ct) =>
        {
            var form = posted ?? new();
            var htmx = http.Request.IsHtmx();
            if (form.IsBrowseIntent)
            {
                form.ApplyIntent(await DealFormData.CustomerMatchesAsync(customers, form.CustomerQuery, ct));
                return FormResult(htmx, form, await DealFormData.LoadAsync(form, http.User, inventory, customers, ct), StatusCodes.Status200OK);
            }
            var request = form.ToRequest();
            if (form.Errors.Any)
            {
                // Show the service's own field rules too, so every mistake is reported in one round trip.
                form.Errors.AddMissing(validator.Validate(request));
                return FormResult(htmx, form, await DealFormData.LoadAsync(form, http.User, inventory, customers, ct), StatusCodes.Status400BadRequest);
            }
            try
            {
                var result = await service.CreateAsync(request, form.IdempotencyKey, ct);
                return Htmx.Navigate(http, $"/deals/{result.Deal.Id}");
            }
            catch (DealDeskException ex)
            {
                form.Errors.Apply(ex.Error);
                // The car was taken: list the ones still available rather than a search for the taken one.
                if (ex.Error.Code == ErrorCodes.VehicleNotAvailable) form.VehicleQuery = null;
                // Refused before anything was written: the corrected request is a new request with a new key.
                // Transient failures (timeouts, busy) keep the key, so a retry after an unseen commit replays it.
                if (!ex.Error.Retryable) form.IdempotencyKey = Guid.NewGuid().ToString();
                return FormResult(htmx, form, await DealFormData.LoadAsync(form, http.User, inventory, customers, ct), ex.Error.Status);
            }
        });

        // Deal-page actions. Success re-renders the page (HX-Redirect, or 303 without JavaScript); a refusal
        // comes back inline in the action's own form.
        deals.MapPost("/{id:guid}/vehicle", async (Guid id, [FromForm] VehicleFormModel? posted, HttpContext http,
            DealActions actions, InventoryService inventory, CancellationToken ct) =>
        {
            var form = posted ?? new(); // a form with none of the model's fields binds to null
            if (!form.IsBrowseIntent)
            {
                try
                {
                    var vehicleId = string.IsNullOrWhiteSpace(form.VehicleId) ? null : form.VehicleId.Trim();
                    await actions.AttachVehicleAsync(id, new AttachVehicleRequest { VehicleId = vehicleId }, ct);
                    return Htmx.Navigate(http, $"/deals/{id}");
                }
                catch (DealDeskException ex)
                {
                    Refused(form.Errors, ex.Error);
                    if (ex.Error.Code == ErrorCodes.VehicleNotAvailable)
                    {
                        // Show the cars still available, not a search for the one just taken.
                        form.VehicleId = null;
                        form.VehicleQuery = null;
                    }
                }
            }
            if (!http.Request.IsHtmx()) return DealPageResult(id, new DealActionState(DealAction.Vehicle, form.Errors) { Vehicle = form });
            return new RazorComponentResult<VehicleActionForm>(new
            {
                DealId = id,
                HasVehicle = form.HasVehicle,
                Model = form,
                Choices = await DealFormData.VehiclesAsync(inventory, form.VehicleQuery, form.VehicleId, ct),
            });
        });

        deals.MapPost("/{id:guid}/customer", async (Guid id, [FromForm] CustomerFormModel? posted, HttpContext http,
            DealActions actions, CustomerQueries customers, CancellationToken ct) =>
        {
            var form = posted ?? new();
            if (form.IsBrowseIntent)
            {
                form.ApplyIntent(await DealFormData.CustomerMatchesAsync(customers, form.CustomerQuery, ct));
            }
            else
            {
                try
                {
                    await actions.ChangeCustomerAsync(id, new ChangeCustomerRequest { CustomerId = form.ExistingCustomerId, CustomerData = form.NewCustomerData }, ct);
                    return Htmx.Navigate(http, $"/deals/{id}");
                }
                catch (DealDeskException ex)
                {
                    Refused(form.Errors, ex.Error);
                }
            }
            if (!http.Request.IsHtmx()) return DealPageResult(id, new DealActionState(DealAction.Customer, form.Errors) { Customer = form });
            return new RazorComponentResult<CustomerActionForm>(new
            {
                DealId = id,
                Model = form,
                Matches = await DealFormData.CustomerMatchesAsync(customers, form.CustomerQuery, ct),
            });
        });

        // IFormCollection: binding the form is what makes the antiforgery check mandatory (there are no fields to read).
        deals.MapPost("/{id:guid}/cancel", async (Guid id, IFormCollection _, HttpContext http, DealActions actions, CancellationToken ct) =>
        {
            try
            {
                await actions.CancelAsync(id, ct);
                return Htmx.Navigate(http, $"/deals/{id}");
            }
            catch (DealDeskException ex)
            {
                var errors = new FormErrors();
                Refused(errors, ex.Error);
                return http.Request.IsHtmx()
                    ? new RazorComponentResult<CancelDealForm>(new { DealId = id, Errors = errors })
                    : DealPageResult(id, new DealActionState(DealAction.Cancel, errors));
            }
        });

        deals.MapPost("/{id:guid}/deliver", async (Guid id, IFormCollection _, HttpContext http, DealActions actions, CancellationToken ct) =>
        {
            try
            {
                await actions.DeliverAsync(id, ct);
                return Htmx.Navigate(http, $"/deals/{id}");
            }
            catch (DealDeskException ex)
            {
                var errors = new FormErrors();
                Refused(errors, ex.Error);
                return http.Request.IsHtmx()
                    ? new RazorComponentResult<DeliverDealForm>(new { DealId = id, Errors = errors })
                    : DealPageResult(id, new DealActionState(DealAction.Deliver, errors));
            }
        });
    }

    /// <summary>An action's refusal: field messages where they belong, and always one line above the action's button.</summary>
    private static void Refused(FormErrors errors, AppError error)
    {
        errors.Apply(error);
        errors.Banner = errors.Vehicle ?? error.Message;
        errors.Vehicle = null;
    }

    /// <summary>The deal page again, for a browser without JavaScript, showing the action's error or search.</summary>
    private static IResult DealPageResult(Guid id, DealActionState state) =>
        new RazorComponentResult<PageDocument>(new
        {
            Page = typeof(DealPage),
            PageParameters = new Dictionary<string, object> { ["Id"] = id, ["State"] = state },
        }) { StatusCode = StatusCodes.Status200OK };


    /// <summary>
    /// The form again with the user's input and the errors. htmx gets the form alone with 200 (htmx swaps
    /// only 2xx); a plain post gets the whole page with the error's status.
    /// </summary>
    private static IResult FormResult(bool htmx, DealFormModel form, DealFormOptions options, int status) =>
        htmx
            ? new RazorComponentResult<DealForm>(new { Model = form, Options = options })
            : new RazorComponentResult<PageDocument>(new
            {
                Page = typeof(NewDealPage),
                PageParameters = new Dictionary<string, object> { ["Model"] = form, ["Options"] = options },
            }) { StatusCode = status };
}
