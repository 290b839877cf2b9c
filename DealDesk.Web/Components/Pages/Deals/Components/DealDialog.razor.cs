using DealDesk.Data.Customers;
using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Inventory;
using DealDesk.Data.Notifications;
using DealDesk.Data.Tenancy;
using DealDesk.Web.Components.Shared;
using FluentValidation;
using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;
using MudBlazor;

namespace DealDesk.Web.Components.Pages.Deals.Components;

/// <summary>
/// The deal dialog: one <see cref="DealDraft"/> (kept in <see cref="DealDraftStore"/> so it outlives the circuit),
/// field messages from the service's own validator as the salesperson types, and one submit with one idempotency
/// key per opening. Failures land where they belong: a taken vehicle at the vehicle picker, field errors at their
/// fields, anything else as an alert inside the dialog; the focus then moves to what needs attention.
/// </summary>
public partial class DealDialog : ComponentBase, IDisposable
{
    private const string FormId = "deal-form";
    private const string SalespersonPath = "salespersonId";

    [CascadingParameter] private IMudDialogInstance Dialog { get; set; } = default!;

    /// <summary>A vehicle chosen before the dialog opened (the "Start deal" of an inventory row).</summary>
    [Parameter] public Guid? VehicleId { get; set; }

    /// <summary>A draft to continue (the dialog reopened after the circuit was resumed); null starts afresh.</summary>
    [Parameter] public DealDraft? Draft { get; set; }

    /// <summary>The lead the deal comes from: a new customer prefilled from it, and the lead converted with the deal.</summary>
    [Parameter] public LeadPrefill? Lead { get; set; }

    [Inject] private IDealCreation Deals { get; set; } = default!;
    [Inject] private ICustomerQueries Customers { get; set; } = default!;
    [Inject] private IInventoryQueries Inventory { get; set; } = default!;
    [Inject] private ICurrentDealership CurrentDealership { get; set; } = default!;
    [Inject] private ITenantContext Tenant { get; set; } = default!;
    [Inject] private IValidator<CreateDealRequest> Validator { get; set; } = default!;
    [Inject] private DealDraftStore Store { get; set; } = default!;
    [Inject] private UiErrors UiErrors { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IJSRuntime JS { get; set; } = default!;
    [Inject] private ChangeFeed Changes { get; set; } = default!;

    private readonly CancellationTokenSource lifetime = new();
    private DealDraft draft = new();
    private DealFieldErrors errors = default!;
    private Dealership? dealership;
    private IReadOnlyList<PersonOption>? salespeople;
    private ShownError? alert;
    private bool loading = true;
    private bool busy;
    private bool focusAttention;
    private bool firstFieldFocused;
    private ElementReference alertBox;
    private CustomerSection? customerSection;
    private VehiclePicker? vehiclePicker;
    private IDisposable? vehicleChanges;

    protected override void OnInitialized()
    {
        errors = new DealFieldErrors(Validator);
        draft = Draft ?? (Lead is { } lead ? DealDraft.ForLead(lead) : DealDraft.For(null));
        if (Draft is null && VehicleId is not null) draft.NoVehicle = false; // the preselected vehicle arrives below
        Store.Open(draft, VehicleId);
        Recheck();
        // A car another deal takes while the dialog is open leaves the options at once (and the choice, if it was
        // this one), instead of surfacing only as VEHICLE_NOT_AVAILABLE on submit.
        if (Tenant.DealershipId is { } dealershipId)
            vehicleChanges = Changes.Subscribe(dealershipId,
                change => change.Kind == ChangeKinds.VehicleStatus && change.Get(ChangeKeys.Status) != VehicleStatus.Available,
                change => InvokeAsync(async () =>
                {
                    if (vehiclePicker is null) return;
                    var chosen = draft.Vehicle?.Id == change.Id ? draft.Vehicle : null;
                    await vehiclePicker.RemoveTakenAsync(change.Id);
                    Recheck();
                    if (chosen is not null)
                        errors.Answer(DealFieldErrors.Vehicle,
                            $"The {chosen.Title} (stock {chosen.StockNumber}) is no longer available: another deal just took it. Pick another vehicle.");
                    StateHasChanged();
                }));
    }

    protected override async Task OnInitializedAsync()
    {
        var ct = lifetime.Token;
        try
        {
            dealership = await CurrentDealership.GetAsync(ct);
            errors.Region = dealership?.Country;
            if (Tenant.IsManager) salespeople = await Customers.SalespeopleAsync(ct);
            if (Draft is null && VehicleId is { } vehicleId) await PreselectAsync(vehicleId, ct);
        }
        finally
        {
            loading = false;
            Recheck();
        }
    }

    /// <summary>The vehicle of the row the dialog was opened from; if it went meanwhile, say so at the picker.</summary>
    private async Task PreselectAsync(Guid vehicleId, CancellationToken ct)
    {
        var vehicle = await Inventory.FindAsync(vehicleId, ct);
        if (vehicle is { Status: VehicleStatus.Available })
        {
            draft.Vehicle = VehicleChoice.From(vehicle);
            return;
        }
        errors.Answer(DealFieldErrors.Vehicle, vehicle is null
            ? "That vehicle was not found. Pick another vehicle."
            : $"The {vehicle.Title} (stock {vehicle.StockNumber}) is no longer available: it is {vehicle.Status}. Pick another vehicle.");
    }

    private void Recheck() => errors.Check(draft, DealPricing.Rules(draft, dealership));

    private Task EditedAsync(string path)
    {
        if (!string.IsNullOrEmpty(path)) errors.Edit(path);
        Recheck();
        return Task.CompletedTask;
    }

    private void Left(string path)
    {
        errors.Touch(path);
        Recheck();
    }

    private Task SetSalespersonAsync(Guid? id)
    {
        draft.SalespersonId = id == Tenant.UserId ? null : id;
        return EditedAsync(SalespersonPath);
    }

    private async Task SubmitAsync()
    {
        if (busy || loading) return; // a second click (or Enter) while the first is running
        alert = null;
        errors.ShowAll();
        Recheck();
        if (errors.Blocking)
        {
            focusAttention = true;
            return;
        }

        busy = true;
        try
        {
            var result = await Deals.CreateAsync(draft.ToRequest(), draft.IdempotencyKey, lifetime.Token);
            Store.Close();
            Snackbar.Add($"Deal {result.Deal.DealNumber} created", MudBlazor.Severity.Success);
            Dialog.Close(DialogResult.Ok(result.Deal.Id));
        }
        catch (DealDeskException ex)
        {
            await ShowFailureAsync(UiErrors.Capture(ex));
            focusAttention = true;
        }
        finally
        {
            busy = false;
        }
    }

    private async Task ShowFailureAsync(ShownError error)
    {
        switch (error.Code)
        {
            case ErrorCodes.VehicleNotAvailable:
                errors.Answer(DealFieldErrors.Vehicle, error.Message);
                if (error.Error.Details?.GetValueOrDefault("vehicleId") is Guid takenId && vehiclePicker is not null)
                    await vehiclePicker.RemoveTakenAsync(takenId);
                else draft.Vehicle = null;
                draft.NoVehicle = false;
                break;
            case ErrorCodes.ValidationFailed when error.Fields.Count > 0:
                foreach (var (path, messages) in error.Fields)
                {
                    var field = DealFieldErrors.PathOf(path);
                    if (messages.Length > 0 && IsShown(field)) errors.Answer(field, messages[0]);
                    else alert = error; // a message for no field of this dialog must not be lost
                }
                break;
            default:
                alert = error;
                break;
        }
        Recheck();
    }

    private bool IsShown(string path) => path switch
    {
        DealFieldErrors.Customer or DealFieldErrors.Vehicle => true,
        SalespersonPath => salespeople is not null,
        _ when path.StartsWith("customerData.", StringComparison.Ordinal) => draft.NewCustomer,
        _ when path.StartsWith("scenario.", StringComparison.Ordinal) => true,
        _ => false,
    };

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The first field, once loaded: the dialog opens with DefaultFocus.None, so this is the only focus move (DealDialogs).
        if (!loading && !firstFieldFocused && customerSection is not null)
        {
            firstFieldFocused = true;
            await customerSection.FocusAsync();
        }
        if (!focusAttention) return;
        focusAttention = false;
        if (errors.Has(ScenarioPaths.Price) || errors.Has(ScenarioPaths.DownPayment) || errors.Has(ScenarioPaths.TradeInValue)
            || errors.Has(ScenarioPaths.TradeInPayoff) || errors.Has(ScenarioPaths.Term) || errors.Has(ScenarioPaths.Apr))
        {
            if (!draft.PricingOpen)
            {
                draft.PricingOpen = true; // an invalid number must not hide in a folded section
                focusAttention = true;
                StateHasChanged();
                return;
            }
        }
        // The first invalid field, scrolled into view; else the alert. Never <body>.
        if (await JS.InvokeAsync<bool>("dealdesk.focusFirstInvalid", ".dd-deal-dialog")) return;
        if (alert is not null) await alertBox.FocusAsync();
    }

    private void Cancel()
    {
        Store.Close();
        Dialog.Cancel();
    }

    public void Dispose()
    {
        // Closed by Escape or the close button: the draft goes too. (When the circuit is paused or evicted,
        // its state was persisted before the components are disposed, so the draft survives that.)
        if (ReferenceEquals(Store.Draft, draft)) Store.Close();
        vehicleChanges?.Dispose();
        lifetime.Cancel();
        lifetime.Dispose();
    }
}
