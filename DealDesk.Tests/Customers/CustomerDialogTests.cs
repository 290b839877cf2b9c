using Bunit;
using DealDesk.Data.Customers;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Web.Components.Pages.Customers.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DealDesk.Tests.Customers;

/// <summary>The add/edit customer dialog, opened through IDialogService as the pages open it, on the real services and database.</summary>
public sealed class CustomerDialogTests(DatabaseFixture fixture) : DatabaseComponentTest(fixture), IClassFixture<DatabaseFixture>
{
    async Task<(IRenderedComponent<MudDialogProvider> Provider, Task<CustomerRecord?> Result)> OpenAsync(CustomerRecord? existing = null,
        string? phoneRegion = null)
    {
        await SignInAsDemo(manager: false);
        var provider = RenderDialogProvider(phoneRegion);
        Task<CustomerRecord?> result = null!;
        // An Action, not a Func<Task>: InvokeAsync would otherwise wait for the dialog to close.
        await provider.InvokeAsync(() => { result = CustomerDialogs.EditAsync(Services.GetRequiredService<IDialogService>(), existing); });
        return (provider, result);
    }

    static void Type(IRenderedComponent<MudDialogProvider> provider, string testId, string value) =>
        Input(provider, testId).Change(value);

    [Fact]
    public async Task A_bad_email_and_phone_show_the_deal_dialogs_messages_at_their_fields_and_nothing_is_saved()
    {
        var (provider, result) = await OpenAsync();
        var before = await DbSnapshot.TakeAsync(Db);
        Type(provider, "customer-first-name", "Ann");
        Type(provider, "customer-email", "ann@");
        Type(provider, "customer-phone", "call me");

        provider.Find("#customer-form").Submit();

        await provider.WaitForAssertionAsync(() => Assert.Contains("Enter an email like name@example.com.", FieldText(provider, "customer-email")), Wait);
        Assert.Contains(Phones.InvalidMessage, FieldText(provider, "customer-phone"));
        Assert.Contains("Last name is required.", FieldText(provider, "customer-last-name"));
        Assert.False(result.IsCompleted);
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task A_phone_that_is_another_customers_warns_offers_that_customer_and_saves_only_when_confirmed()
    {
        var north = (await Db.DemoAsync()).North;
        var existing = await DealKit.AddCustomerAsync(Db, north.DealershipId, "Gus", "Hale", null, "+15556174141");
        var (provider, result) = await OpenAsync();
        Type(provider, "customer-first-name", "Gina");
        Type(provider, "customer-last-name", "Hale");
        Type(provider, "customer-phone", "(555) 617-4141");

        provider.Find("#customer-form").Submit();

        await provider.WaitForAssertionAsync(() => Assert.Equal($"/customers/{existing}", provider.Find("[data-testid=duplicate-match]").GetAttribute("href")), Wait);
        Assert.False(result.IsCompleted);
        Assert.Equal(1, await DealKit.CountAsync(Db, "SELECT count(*) FROM customers WHERE phone = '+15556174141'"));

        provider.Find("[data-testid=save-anyway]").Click();

        var saved = await result.WaitAsync(TimeSpan.FromSeconds(30));
        Assert.Equal("Gina", saved!.FirstName);
        Assert.Equal(2, await DealKit.CountAsync(Db, "SELECT count(*) FROM customers WHERE phone = '+15556174141'"));
    }

    [Fact]
    public async Task Editing_shows_the_stored_phone_formatted_and_saves_the_change()
    {
        var north = (await Db.DemoAsync()).North;
        var id = await DealKit.AddCustomerAsync(Db, north.DealershipId, "Ida", "Lund", "ida@example.com", "+15556175151");
        await SignInAsDemo(manager: false);
        var record = (await Services.GetRequiredService<CustomerQueries>().GetDetailsAsync(id)).Customer;
        var (provider, result) = await OpenAsync(record);
        Assert.Equal("(555) 617-5151", Input(provider, "customer-phone").GetAttribute("value"));

        Type(provider, "customer-city", "Omaha");
        provider.Find("#customer-form").Submit();

        Assert.Equal("Omaha", (await result.WaitAsync(TimeSpan.FromSeconds(30)))!.City);
    }

    [Fact]
    public async Task In_a_british_dealership_a_british_number_is_accepted_as_typed_and_saved_in_E164()
    {
        var north = (await Db.DemoAsync()).North;
        await Db.ExecuteAsync("UPDATE dealerships SET country = 'GB' WHERE id = $1", north.DealershipId);
        try
        {
            var (provider, result) = await OpenAsync(phoneRegion: "GB");
            Type(provider, "customer-first-name", "Olive");
            Type(provider, "customer-last-name", "Harcourt");
            Type(provider, "customer-phone", "020 7946 0958");

            provider.Find("#customer-form").Submit();

            var saved = await result.WaitAsync(TimeSpan.FromSeconds(30));
            Assert.Equal("+442079460958", saved!.Phone);
            Assert.Equal("020 7946 0958", saved.PhoneFormatted);
        }
        finally
        {
            await Db.ExecuteAsync("UPDATE dealerships SET country = 'US' WHERE id = $1", north.DealershipId);
        }
    }

    [Fact]
    public async Task In_an_american_dealership_the_same_british_national_number_is_refused_at_the_field()
    {
        var (provider, result) = await OpenAsync(phoneRegion: "US");
        Type(provider, "customer-first-name", "Olive");
        Type(provider, "customer-last-name", "Harcourt");
        Type(provider, "customer-phone", "020 7946 0958");

        provider.Find("#customer-form").Submit();

        await provider.WaitForAssertionAsync(() => Assert.Contains(Phones.InvalidMessage, FieldText(provider, "customer-phone")), Wait);
        Assert.False(result.IsCompleted);
    }
}
