using AngleSharp.Dom;
using Bunit;
using DealDesk.Data.Customers;
using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Inventory;
using DealDesk.Data.Tenancy;
using DealDesk.Tests.Infrastructure;
using DealDesk.Web.Components.Pages.Deals.Components;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DealDesk.Tests.Deals;

/// <summary>
/// The deal dialog, opened as the pages open it (IDialogService through MudDialogProvider), with the services faked at
/// their boundary (<see cref="IDealCreation"/>, <see cref="ICustomerQueries"/>, <see cref="IInventoryQueries"/>,
/// <see cref="ICurrentDealership"/>) and the real <see cref="CreateDealValidator"/>.
/// </summary>
public sealed class DealDialogTests : ComponentTest
{
    private static readonly Vehicle Rav4 = new()
    {
        Id = Guid.Parse("5a0c1d2e-0000-4000-8000-000000001034"), DealershipId = DealershipId, Vin = "JT3RAV4000001034",
        StockNumber = "N1034", Year = 2022, Make = "Toyota", Model = "RAV4", Trim = "LE", Price = 29_600m,
    };
    private static readonly Vehicle Civic = new()
    {
        Id = Guid.Parse("5a0c1d2e-0000-4000-8000-000000001035"), DealershipId = DealershipId, Vin = "2HGCIVIC00001035",
        StockNumber = "N1035", Year = 2023, Make = "Honda", Model = "Civic", Trim = "EX", Price = 24_900m,
    };

    private readonly FakeDeals deals = new();
    private readonly FakeInventory inventory = new([Rav4, Civic]);
    private readonly IRenderedComponent<MudPopoverProvider> popovers;
    private readonly IRenderedComponent<MudDialogProvider> provider;
    private Task<Guid?>? dialogResult;

    public DealDialogTests()
    {
        Services.AddSingleton<IDealCreation>(deals);
        Services.AddSingleton<IInventoryQueries>(inventory);
        Services.AddSingleton<ICustomerQueries>(new FakeCustomers());
        Services.AddSingleton<ICurrentDealership>(new FakeDealership());
        Services.AddSingleton<IValidator<CreateDealRequest>, CreateDealValidator>();
        Services.AddScoped<DealDraftStore>();
        popovers = Render<MudPopoverProvider>(); // the pickers' lists render here, outside the dialog
        Render<MudSnackbarProvider>();
        provider = Render<MudDialogProvider>();
    }

    [Fact]
    public void A_bad_email_shows_its_message_at_the_email_field_as_it_is_typed_and_fixing_it_removes_it()
    {
        Open();
        TurnOn("new-customer-toggle");

        provider.Find("#email").Input("ann@");

        provider.WaitForAssertion(() => Assert.Equal("Enter an email like name@example.com.", MessageAt("#email")));
        Assert.Null(MessageAt("#firstName")); // untouched fields stay quiet

        provider.Find("#email").Input("ann@example.com");

        provider.WaitForAssertion(() => Assert.Null(MessageAt("#email")));
    }

    [Fact]
    public void Submitting_without_a_customer_says_what_is_missing_and_creates_nothing()
    {
        Open();

        Submit();

        provider.WaitForAssertion(() => Assert.Equal(
            "Choose an existing customer or enter the new customer's first and last name.", MessageAt("#customer-search")));
        Assert.Empty(deals.Calls);
        Assert.False(dialogResult!.IsCompleted);
    }

    [Fact]
    public void A_vehicle_taken_meanwhile_shows_at_the_vehicle_picker_and_keeps_the_customer_and_numbers()
    {
        deals.Answer = (_, _) => throw new DealDeskException(AppError.Conflict(ErrorCodes.VehicleNotAvailable,
            "The 2022 Toyota RAV4 LE (stock N1034) is no longer available: it is pending. Pick another vehicle.",
            new Dictionary<string, object?> { ["vehicleId"] = Rav4.Id, ["status"] = "pending" }));
        Open(Rav4.Id);
        EnterNewCustomer();
        provider.Find("[data-testid=pricing-toggle]").Click();
        provider.Find("#downPayment").Input("2500");

        Submit();

        provider.WaitForAssertion(() => Assert.Contains("no longer available",
            provider.Find("[data-testid=vehicle-picker] [data-testid=vehicle-error]").TextContent));
        Assert.Empty(provider.FindAll("[data-testid=error-alert]"));
        Assert.Equal("Ann", provider.Find("#firstName").GetAttribute("value"));
        Assert.Equal("ann@example.com", provider.Find("#email").GetAttribute("value"));
        Assert.Equal("2500", provider.Find("#downPayment").GetAttribute("value"));
        Assert.Equal("", provider.Find("#vehicle-search").GetAttribute("value") ?? "");
        Assert.False(dialogResult!.IsCompleted);

        // The picker's options no longer offer the taken car, though the inventory read still lists it (a moment behind).
        provider.Find("#vehicle-search").Input("o");
        popovers.WaitForAssertion(() => Assert.Contains("N1035", OptionsText()), TimeSpan.FromSeconds(3));
        Assert.DoesNotContain("N1034", OptionsText());
    }

    [Fact]
    public void A_forbidden_answer_shows_as_an_alert_inside_the_dialog()
    {
        deals.Answer = (_, _) => throw new DealDeskException(AppError.OtherDealership("Customer"));
        Open(Rav4.Id);
        EnterNewCustomer();

        Submit();

        provider.WaitForAssertion(() =>
        {
            var alert = provider.Find(".dd-deal-dialog [data-testid=error-alert]");
            Assert.Equal(ErrorCodes.MultiTenantViolation, alert.GetAttribute("data-error-code"));
            Assert.Contains("belongs to another dealership", alert.TextContent);
        });
        Assert.False(dialogResult!.IsCompleted);
    }

    [Fact]
    public void The_services_field_errors_land_at_their_fields()
    {
        deals.Answer = (_, _) => throw new DealDeskException(AppError.Validation(new Dictionary<string, string[]>
        {
            ["customerData.phone"] = ["Enter a phone number we can call."],
        }));
        Open(Rav4.Id);
        EnterNewCustomer();

        Submit();

        provider.WaitForAssertion(() => Assert.Equal("Enter a phone number we can call.", MessageAt("#phone")));
        Assert.Empty(provider.FindAll("[data-testid=error-alert]"));
    }

    [Fact]
    public async Task Success_closes_the_dialog_with_the_new_deal_id_and_says_which_deal_was_created()
    {
        Open(Rav4.Id);
        EnterNewCustomer();

        Submit();

        Assert.Equal(FakeDeals.DealId, await dialogResult!.WaitAsync(TimeSpan.FromSeconds(5)));
        provider.WaitForAssertion(() => Assert.Empty(provider.FindAll(".dd-deal-dialog")));
        var call = Assert.Single(deals.Calls);
        Assert.Equal(Rav4.Id.ToString(), call.Request.VehicleId);
        Assert.Equal("Ann", call.Request.CustomerData!.FirstName);
        Assert.False(string.IsNullOrWhiteSpace(call.Key));
        Assert.Contains(Services.GetRequiredService<ISnackbar>().ShownSnackbars, s => s.Message == "Deal 2026-1201-0007 created");
        Assert.Null(Services.GetRequiredService<DealDraftStore>().Draft);
    }

    [Fact]
    public async Task A_second_press_while_the_first_is_running_creates_nothing_more()
    {
        var answer = new TaskCompletionSource<DealResult>();
        deals.Answer = (_, _) => answer.Task;
        Open(Rav4.Id);
        EnterNewCustomer();

        Submit();
        provider.WaitForAssertion(() => Assert.Equal("true", provider.Find("[data-testid=create-deal]").GetAttribute("data-busy")));
        Submit(); // a double click, or Enter pressed again in a field: the same form submitted again

        Assert.Single(deals.Calls);
        answer.SetResult(FakeDeals.Result());
        Assert.Equal(FakeDeals.DealId, await dialogResult!.WaitAsync(TimeSpan.FromSeconds(5)));
        Assert.Single(deals.Calls);
    }

    [Fact]
    public void A_blank_deal_shows_no_payment_until_there_is_a_price()
    {
        Open();

        Assert.Equal("No payment yet", provider.Find("[data-testid=no-payment]").TextContent);
        Assert.Empty(provider.FindAll("[data-testid=monthly-payment]"));

        provider.Find("[data-testid=pricing-toggle]").Click();
        provider.Find("#price").Input("20000");

        // 20,000 + 7.25 % tax + 499 fees over 60 months at 6.9 %.
        provider.WaitForAssertion(() => Assert.Equal("$433.58", provider.Find("[data-testid=monthly-payment]").TextContent));
    }

    [Fact]
    public void A_down_payment_larger_than_the_amount_due_is_an_error_at_the_down_payment()
    {
        Open(Rav4.Id);
        provider.Find("[data-testid=pricing-toggle]").Click();

        provider.Find("#downPayment").Input("40000");

        // 29,600 + 2,146 tax + 499 fees = 32,245 due.
        provider.WaitForAssertion(() => Assert.Equal("Down payment can't be more than the amount due ($32,245.00).", MessageAt("#downPayment")));
    }

    [Fact]
    public void Opened_from_a_vehicle_row_the_vehicle_is_chosen_and_its_payment_shown()
    {
        Open(Rav4.Id);

        provider.WaitForAssertion(() => Assert.Equal("2022 Toyota RAV4 LE · N1034", provider.Find("#vehicle-search").GetAttribute("value")));
        Assert.NotEmpty(provider.FindAll("[data-testid=monthly-payment]"));
    }

    // ---- steps ----

    private void Open(Guid? vehicleId = null)
    {
        var dialogs = Services.GetRequiredService<IDialogService>();
        provider.InvokeAsync(() => dialogResult = dialogs.ShowNewDealAsync(vehicleId));
        provider.WaitForAssertion(() => Assert.NotNull(provider.Find(".dd-deal-dialog [data-testid=deal-form]")));
    }

    private void EnterNewCustomer()
    {
        TurnOn("new-customer-toggle");
        provider.Find("#firstName").Input("Ann");
        provider.Find("#lastName").Input("Lee");
        provider.Find("#email").Input("ann@example.com");
    }

    private void TurnOn(string testId)
    {
        var element = provider.Find($"[data-testid={testId}]");
        var input = element.TagName == "INPUT" ? element : element.QuerySelector("input")!;
        input.Change(true);
    }

    /// <summary>"Create deal" is the form's submit button (it sits in the dialog's actions, joined by form="deal-form").</summary>
    private void Submit()
    {
        Assert.Equal("deal-form", provider.Find("[data-testid=create-deal]").GetAttribute("form"));
        provider.Find("[data-testid=deal-form]").Submit();
    }

    /// <summary>The message MudBlazor shows under the field whose input matches <paramref name="inputSelector"/>, or null.</summary>
    private string? MessageAt(string inputSelector)
    {
        var field = provider.Find(inputSelector).Closest(".mud-input-control");
        return field?.QuerySelector(".mud-input-error .mud-input-helper-text, .mud-input-helper-text.mud-input-error")?.TextContent.Trim() is { Length: > 0 } text
            ? text
            : null;
    }

    private string OptionsText() => string.Join(" | ", popovers.FindAll("[data-testid=vehicle-option]").Select(o => o.TextContent));

    // ---- fakes at the service boundary ----

    internal sealed class FakeDeals : IDealCreation
    {
        public static readonly Guid DealId = Guid.Parse("d0000000-0000-4000-8000-000000000007");
        public List<(CreateDealRequest Request, string? Key)> Calls { get; } = [];
        public Func<CreateDealRequest, string?, Task<DealResult>> Answer { get; set; } = (_, _) => Task.FromResult(Result());

        public Task<DealResult> CreateAsync(CreateDealRequest request, string? idempotencyKey = null, CancellationToken ct = default)
        {
            Calls.Add((request, idempotencyKey));
            return Answer(request, idempotencyKey);
        }

        public static DealResult Result()
        {
            var now = DateTimeOffset.UtcNow;
            var customer = new CustomerView(Guid.NewGuid(), "Ann", "Lee", "ann@example.com", null);
            return new DealResult(
                new DealView(DealId, "2026-1201-0007", "draft", customer.Id, Rav4.Id, UserId, null, now, now),
                new ScenarioView(Guid.NewGuid(), DealId, "Scenario 1", "finance", 29_600m, 0, 0, 0, 60, 6.9m, 0.0725m, 499m, 32_245m, 636.98m),
                customer, null);
        }
    }

    internal sealed class FakeInventory(IReadOnlyList<Vehicle> vehicles) : IInventoryQueries
    {
        public Task<Paged<Vehicle>> SearchAsync(VehicleSearch search, CancellationToken ct = default)
        {
            var found = vehicles.Where(v => string.IsNullOrWhiteSpace(search.Query)
                || $"{v.Title} {v.StockNumber}".Contains(search.Query, StringComparison.OrdinalIgnoreCase)).ToList();
            return Task.FromResult(new Paged<Vehicle>(found, 1, search.PageSize, found.Count));
        }

        public Task<Vehicle?> FindAsync(Guid id, CancellationToken ct = default) => Task.FromResult(vehicles.FirstOrDefault(v => v.Id == id));
    }

    internal sealed class FakeCustomers : ICustomerQueries
    {
        public Task<IReadOnlyList<CustomerView>> SearchAsync(string? q, int limit = 10, CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<CustomerView>>([]);

        public Task<IReadOnlyList<PersonOption>> SalespeopleAsync(CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<PersonOption>>([new PersonOption(UserId, "Sam Seller")]);
    }

    internal sealed class FakeDealership : ICurrentDealership
    {
        public Task<Dealership?> GetAsync(CancellationToken ct = default) => Task.FromResult<Dealership?>(new Dealership
        {
            Id = DealershipId, Name = "Northside Motors", DefaultApr = 6.9m, DefaultTaxRate = 0.0725m, DocFee = 499m,
        });
    }
}
