using Bunit;
using DealDesk.Data.Errors;
using DealDesk.Data.Inventory;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Inventory.Support;
using DealDesk.Web.Components.Pages.Inventory.Components;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Inventory;

/// <summary>The vehicle form (add and edit) with the writes faked at <see cref="IVehicleEditor"/> and the real validator.</summary>
public sealed class VehicleFormTests : ComponentTest
{
    readonly FakeEditor _editor = new();

    public VehicleFormTests()
    {
        Services.AddSingleton<IVehicleEditor>(_editor);
        Services.AddSingleton<IValidator<VehicleInput>>(new VehicleInputValidator());
        SignInAs(manager: true, name: "Rosa Delgado");
    }

    sealed class FakeEditor : IVehicleEditor
    {
        public List<(Guid? Id, VehicleInput Input)> Calls { get; } = [];
        public AppError? Fails { get; set; }

        public Task<VehicleRecord> CreateAsync(VehicleInput input, CancellationToken ct = default) => Answer(null, input);
        public Task<VehicleRecord> UpdateAsync(Guid id, VehicleInput input, CancellationToken ct = default) => Answer(id, input);

        Task<VehicleRecord> Answer(Guid? id, VehicleInput v)
        {
            Calls.Add((id, v));
            if (Fails is not null) throw new DealDeskException(Fails);
            return Task.FromResult(Record(id ?? Guid.NewGuid(), v));
        }
    }

    static VehicleRecord Record(Guid id, VehicleInput v) => new(id, DealershipId, VinCheck.Normalize(v.Vin), v.StockNumber!, v.Year!.Value, v.Make!, v.Model!, v.Trim,
        v.Price!.Value, VehicleStatus.Available, v.Mileage ?? 0, v.ExteriorColor, v.InteriorColor, v.BodyStyle, v.Condition ?? "used", v.Cost,
        new DateOnly(2026, 11, 20), 11, DateTimeOffset.UtcNow);

    static void Type(IRenderedComponent<VehicleForm> form, string id, string value) => form.Find($"#{id}").Input(value);

    void Fill(IRenderedComponent<VehicleForm> form, VehicleInput v)
    {
        Type(form, "vehicle-vin", v.Vin!);
        Type(form, "vehicle-stock", v.StockNumber!);
        Type(form, "vehicle-year", v.Year!.Value.ToString());
        Type(form, "vehicle-make", v.Make!);
        Type(form, "vehicle-model", v.Model!);
        Type(form, "vehicle-price", v.Price!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Type(form, "vehicle-mileage", v.Mileage!.Value.ToString());
    }

    /// <summary>The error line under a field (MudBlazor's helper text in its error state), or null.</summary>
    static string? ErrorUnder(IRenderedComponent<VehicleForm> form, string testId)
    {
        var field = form.Find($"[data-testid={testId}]");
        var control = field.ClassList.Contains("mud-input-control") ? field : field.Closest(".mud-input-control");
        var text = control?.QuerySelectorAll(".mud-input-helper-text.mud-input-error").Select(e => e.TextContent.Trim()).FirstOrDefault(t => t.Length > 0);
        return text;
    }

    [Fact]
    public void Saving_an_empty_form_names_every_required_field_and_sends_nothing()
    {
        var form = Render<VehicleForm>();

        form.Find("[data-testid=vehicle-form-save]").Click();

        Assert.Empty(_editor.Calls);
        Assert.Equal("Enter the VIN.", ErrorUnder(form, "field-vin"));
        Assert.Equal("Enter the stock number.", ErrorUnder(form, "field-stock"));
        Assert.Equal("Enter the list price.", ErrorUnder(form, "field-price"));
        Assert.Equal("Enter the make.", ErrorUnder(form, "field-make"));
    }

    [Fact]
    public void A_mistyped_vin_is_caught_by_its_check_digit_once_the_field_is_left()
    {
        var form = Render<VehicleForm>();

        Type(form, "vehicle-vin", "1HGCM82643A004352");
        form.Find("#vehicle-vin").Blur();

        Assert.Contains("check digit", ErrorUnder(form, "field-vin"));
        Assert.Null(ErrorUnder(form, "field-price")); // untouched fields stay quiet until Save
        Type(form, "vehicle-vin", "1HGCM82633A004352");
        Assert.Null(ErrorUnder(form, "field-vin"));
    }

    [Fact]
    public void A_complete_form_adds_the_vehicle_and_reports_it_saved()
    {
        VehicleRecord? saved = null;
        var form = Render<VehicleForm>(p => p.Add(f => f.OnSaved, (VehicleRecord v) => saved = v));
        var input = VehicleKit.Input(vin: "1M8GDM9AXKP042788", price: 28_750m);

        Fill(form, input);
        form.Find("[data-testid=vehicle-form-save]").Click();

        form.WaitForAssertion(() => Assert.NotNull(saved), TimeSpan.FromSeconds(10));
        var (id, sent) = Assert.Single(_editor.Calls);
        Assert.Null(id);
        Assert.Equal(("1M8GDM9AXKP042788", 28_750m, "used"), (sent.Vin, sent.Price, sent.Condition));
        Assert.Equal("1M8GDM9AXKP042788", saved!.Vin);
    }

    [Fact]
    public void A_duplicate_vin_answered_by_the_service_shows_at_the_vin_field_and_in_an_alert()
    {
        _editor.Fails = InventoryErrors.VinDuplicate("1M8GDM9AXKP042788", Guid.NewGuid());
        var form = Render<VehicleForm>();

        Fill(form, VehicleKit.Input(vin: "1M8GDM9AXKP042788"));
        form.Find("[data-testid=vehicle-form-save]").Click();

        form.WaitForAssertion(() => Assert.Equal("This VIN is already in your inventory.", ErrorUnder(form, "field-vin")));
        Assert.Contains("already in your inventory", form.Find("[data-testid=error-alert]").TextContent);
    }

    [Fact]
    public void Editing_a_vehicle_on_an_open_deal_locks_what_the_deal_was_priced_on()
    {
        var vehicle = Record(Guid.NewGuid(), VehicleKit.Input(vin: "1HGCM82633A004352", price: 30_000m));
        var form = Render<VehicleForm>(p => p.Add(f => f.Vehicle, vehicle).Add(f => f.LockedByDeal, "2026-1130-0007"));

        Assert.Contains("2026-1130-0007", form.Find("[data-testid=vehicle-form-locked]").TextContent);
        foreach (var id in new[] { "vehicle-vin", "vehicle-price", "vehicle-make", "vehicle-year" })
            Assert.True(form.Find($"#{id}").HasAttribute("disabled"), id);
        Assert.False(form.Find("#vehicle-mileage").HasAttribute("disabled"));

        Type(form, "vehicle-mileage", "31000");
        form.Find("[data-testid=vehicle-form-save]").Click();

        form.WaitForAssertion(() => Assert.Single(_editor.Calls));
        Assert.Equal((vehicle.Id, 31_000, 30_000m), (_editor.Calls[0].Id, _editor.Calls[0].Input.Mileage, _editor.Calls[0].Input.Price));
    }
}
