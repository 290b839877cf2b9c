using System.Diagnostics;
using System.Runtime.CompilerServices;
using DealDesk.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static DealDesk.E2E.Flows.DealDialogSteps;
using static Microsoft.Playwright.Assertions;

namespace DealDesk.E2E.Flows;

/// <summary>A salesperson creates deals through the "New deal" dialog.</summary>
public sealed class DealDialogFlows(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private readonly ITestOutputHelper _output = output;

    [Fact]
    public Task A_deal_for_a_new_customer_is_created_in_the_dialog_and_opens_its_deal_page() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        var stock = (await AvailableStockNumbersAsync(page, 1))[0];
        var customer = NewCustomer.Unique("Rosa", "Okafor", phone: "(555) 201-3344");

        await GoToAsync(page, "/deals");
        var dialog = await OpenNewDealDialogAsync(page);
        await Expect(dialog.GetByLabel("No vehicle yet")).ToBeCheckedAsync(); // blank desking until a vehicle is picked
        await Expect(dialog.GetByTestId("no-payment")).ToHaveTextAsync("No payment yet");
        await EnterNewCustomerAsync(dialog, customer);
        await ChooseVehicleAsync(page, stock);
        await Expect(dialog.GetByLabel("No vehicle yet")).Not.ToBeCheckedAsync();
        await Expect(dialog.GetByTestId("monthly-payment")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"^\$[\d,]+\.\d\d$"));

        await dialog.GetByTestId("pricing-toggle").ClickAsync();
        await dialog.Locator("#downPayment").FillAsync("2000");
        await Expect(dialog.GetByTestId("payment-preview")).ToContainTextAsync("60 months");

        await SubmitAndExpectDealPageAsync(page);

        var (total, deals) = await SearchDealsApiAsync(page, customer.LastName);
        Assert.Equal(1, total);
        Assert.Equal(customer.FullName, deals[0].GetProperty("customerName").GetString());
        Assert.EndsWith(deals[0].GetProperty("id").GetString()!, page.Url);
    });

    [Fact]
    public Task Field_messages_appear_as_you_type_and_a_failed_submit_focuses_the_first_invalid_field() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        var firstName = NewCustomer.Unique("Tomasz", "Wierzbicki").LastName; // unique, so "nothing was created" can be checked

        await GoToAsync(page, "/deals");
        var dialog = await OpenNewDealDialogAsync(page);
        await dialog.GetByLabel("New customer").CheckAsync();
        await dialog.Locator("#firstName").FillAsync(firstName);
        await dialog.Locator("#email").FillAsync("tomasz@");
        await Expect(dialog).ToContainTextAsync("Enter an email like name@example.com."); // before any submit
        await dialog.Locator("#email").FillAsync("tomasz@example.com");
        await Expect(dialog).Not.ToContainTextAsync("Enter an email like name@example.com.");

        await dialog.GetByTestId("create-deal").ClickAsync();

        await Expect(dialog).ToContainTextAsync("Last name is required.");
        await Expect(dialog.Locator("#lastName")).ToBeFocusedAsync();
        await Expect(dialog.Locator("#firstName")).ToHaveValueAsync(firstName);
        Assert.Equal(0, (await SearchDealsApiAsync(page, firstName)).Total);
    });

    [Fact]
    public Task Two_salespeople_submit_the_same_vehicle_and_the_loser_keeps_the_customer_and_completes_with_another() => RunAsync(async sales1 =>
        await WithSecondBrowserAsync(sales1, async sales2 =>
    {
        await SignInAsAsync(sales1, "sales1@northside.test");
        await SignInAsAsync(sales2, "sales2@northside.test");
        var stock = await AvailableStockNumbersAsync(sales1, 2);
        var (contested, fallback) = (stock[0], stock[1]);
        var customer1 = NewCustomer.Unique("Ines", "Varga", phone: "(555) 301-1001");
        var customer2 = NewCustomer.Unique("Jonah", "Brandt", phone: "(555) 302-2002");

        // Both fill in the dialog with their own customer and the same vehicle.
        await GoToAsync(sales1, "/deals");
        var dialog1 = await OpenNewDealDialogAsync(sales1);
        await EnterNewCustomerAsync(dialog1, customer1);
        await ChooseVehicleAsync(sales1, contested);
        await GoToAsync(sales2, "/deals");
        var dialog2 = await OpenNewDealDialogAsync(sales2);
        await EnterNewCustomerAsync(dialog2, customer2);
        await ChooseVehicleAsync(sales2, contested);

        // Both press "Create deal" at (nearly) the same moment.
        await Task.WhenAll(dialog1.GetByTestId("create-deal").ClickAsync(), dialog2.GetByTestId("create-deal").ClickAsync());

        // The winner's success message is transient (a few seconds): look for it here, while waiting for the outcome.
        foreach (var p in new[] { sales1, sales2 })
            await Expect(Dialog(p).GetByTestId("vehicle-error").Or(p.Locator(".mud-snackbar", new() { HasTextRegex = CreatedMessage })))
                .ToBeVisibleAsync();
        var lost1 = await Dialog(sales1).GetByTestId("vehicle-error").CountAsync() > 0;
        var lost2 = await Dialog(sales2).GetByTestId("vehicle-error").CountAsync() > 0;
        Assert.True(lost1 ^ lost2, $"exactly one salesperson should get the vehicle (sales1 lost: {lost1}, sales2 lost: {lost2})");
        var (winner, loser, loserCustomer) = lost1 ? (sales2, sales1, customer1) : (sales1, sales2, customer2);
        _output.WriteLine($"{(lost1 ? "sales2" : "sales1")} got {contested}");

        await winner.WaitForURLAsync(DealPageUrl);
        await Expect(Dialog(winner)).ToHaveCountAsync(0);

        // The loser is still in the dialog: the message is at the vehicle picker, the customer is still typed in.
        var loserDialog = Dialog(loser);
        var warning = loserDialog.GetByTestId("vehicle-picker").GetByTestId("vehicle-error");
        await Expect(warning).ToContainTextAsync("no longer available");
        await Expect(warning).ToContainTextAsync(contested);
        await Expect(loserDialog.GetByTestId("error-alert")).ToHaveCountAsync(0);
        await ExpectNewCustomerStillEnteredAsync(loserDialog, loserCustomer);
        Assert.True(IsPath(loser.Url, "/deals"), $"the losing browser should still be on /deals, but is at {loser.Url}");

        // The taken car is gone from the picker's options.
        await loserDialog.Locator("#vehicle-search").FillAsync(contested);
        await Expect(loser.Locator(".mud-popover-open")).ToContainTextAsync("No available vehicle matches.");

        // Without retyping the customer, the loser picks another vehicle and gets the deal.
        await ChooseVehicleAsync(loser, fallback);
        await SubmitAndExpectDealPageAsync(loser);
        Assert.NotEqual(winner.Url, loser.Url);

        // Exactly one deal holds the contested vehicle, and neither customer got a second deal.
        Assert.Equal(1, (await SearchDealsApiAsync(sales1, contested)).Total);
        Assert.Equal(1, (await SearchDealsApiAsync(sales1, customer1.LastName)).Total);
        Assert.Equal(1, (await SearchDealsApiAsync(sales1, customer2.LastName)).Total);
    }));

    [Fact]
    public Task A_deal_can_be_created_with_the_keyboard_alone() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales2@southside.test");
        var stock = (await AvailableStockNumbersAsync(page, 1))[0];
        var customer = NewCustomer.Unique("Kaito", "Mori", phone: "(555) 404-5566");
        await GoToAsync(page, "/deals");
        var clock = Stopwatch.StartNew();

        for (var i = 0; i < 40 && await FocusedAsync(page) != "new-deal"; i++) await page.Keyboard.PressAsync("Tab");
        Assert.Equal("new-deal", await FocusedAsync(page));
        await page.Keyboard.PressAsync("Enter");
        var dialog = await ExpectDialogOpenAsync(page);
        await Expect(dialog.Locator("#customer-search")).ToBeFocusedAsync();

        // The vehicle first: Tab down to the picker, type the stock number, pick it from the list.
        await TabToAsync(page, dialog.Locator("#vehicle-search"));
        await page.Keyboard.TypeAsync(stock);
        await Expect(VehicleOptions(page)).ToHaveCountAsync(1);
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Expect(dialog.GetByLabel("No vehicle yet")).Not.ToBeCheckedAsync();

        // Then back up to "New customer", switch it on (the first name takes the focus) and type the customer.
        await TabToAsync(page, dialog.GetByLabel("New customer"), backwards: true);
        await page.Keyboard.PressAsync("Space");
        await Expect(dialog.Locator("#firstName")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync(customer.FirstName);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(customer.LastName);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(customer.Email);
        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.TypeAsync(customer.Phone);
        await Expect(dialog.Locator("#phone")).ToHaveValueAsync(customer.Phone);
        await page.Keyboard.PressAsync("Enter"); // Enter submits

        await ExpectCreatedAsync(page);
        clock.Stop();
        _output.WriteLine($"Keyboard-only deal creation (from the deals page to the deal page): {clock.Elapsed.TotalSeconds:0.0} s wall time");
        Assert.Equal(1, (await SearchDealsApiAsync(page, customer.LastName)).Total);
    });

    [Fact]
    public Task A_dropped_connection_keeps_what_was_typed_and_submit_still_works() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@southside.test");
        var stock = (await AvailableStockNumbersAsync(page, 1))[0];
        var customer = NewCustomer.Unique("Lena", "Sorensen", phone: "(555) 606-7788");
        await GoToAsync(page, "/deals");
        var dialog = await OpenNewDealDialogAsync(page);
        await EnterNewCustomerAsync(dialog, customer);
        await ChooseVehicleAsync(page, stock);

        // Kill the circuit's WebSocket (Chromium's offline emulation leaves an open socket alone); Blazor reconnects to the same circuit.
        await page.EvaluateAsync(@"() => {
            window.__reconnectStates = [];
            document.getElementById('components-reconnect-modal')
                .addEventListener('components-reconnect-state-changed', e => window.__reconnectStates.push(e.detail.state));
            Blazor._internal.forceCloseConnection();
        }");
        await page.WaitForFunctionAsync("() => window.__reconnectStates.includes('show') && window.__reconnectStates.at(-1) === 'hide'");

        await ExpectNewCustomerStillEnteredAsync(dialog, customer);
        await Expect(dialog.Locator("#vehicle-search")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"{stock}$"));
        await SubmitAndExpectDealPageAsync(page);
        Assert.Equal(1, (await SearchDealsApiAsync(page, customer.LastName)).Total);
    });

    [Fact]
    public Task A_paused_and_resumed_circuit_reopens_the_dialog_with_the_draft_and_submit_works() => RunAsync(async page =>
    {
        var (stock, customer) = await StartDraftAsync(page, "manager@southside.test", NewCustomer.Unique("Marta", "Ivanova", phone: "(555) 707-8899"), "2500", "data-before-pause");

        // The server drops the circuit and hands its persisted state to the browser (as when it evicts a disconnected circuit);
        // the salesperson presses "Resume" in the reconnect dialog and gets a new circuit built from that state.
        Assert.True(await page.EvaluateAsync<bool>("() => Blazor.pauseCircuit()"));
        await page.Locator("#components-resume-button").ClickAsync();

        await ExpectDraftReopenedAsync(page, stock, customer, "2500", "data-before-pause");

        await SubmitAndExpectDealPageAsync(page);
        Assert.Equal(1, (await SearchDealsApiAsync(page, customer.LastName)).Total);
    });

    [Fact]
    public Task A_circuit_the_server_evicted_is_resumed_with_the_dialog_draft_and_submit_works() => RunAsync(async page =>
    {
        var (stock, customer) = await StartDraftAsync(page, "sales2@southside.test", NewCustomer.Unique("Nadia", "Haddad", phone: "(555) 808-9900"), "3100", "data-before-eviction");

        // Hold the browser's reconnect attempts at SignalR's negotiate request until the server has evicted the
        // disconnected circuit (the E2E host keeps one 3 s, not ASP.NET's 3 min) and persisted its state.
        var evicted = Circuits.WaitForEvictionAsync(customer.LastName, TimeSpan.FromSeconds(30));
        var negotiationsHeld = 0;
        await page.RouteAsync(url => new Uri(url).AbsolutePath == "/_blazor/negotiate", async route =>
        {
            Interlocked.Increment(ref negotiationsHeld);
            try { await evicted; }
            catch (TimeoutException) { await route.AbortAsync(); return; } // the test fails on the same wait below
            await route.ContinueAsync();
        });

        // Drop the WebSocket the way a network failure does (the server keeps the circuit as disconnected).
        await page.EvaluateAsync("() => Blazor._internal.forceCloseConnection()");
        var circuit = await evicted;
        _output.WriteLine($"The server evicted circuit {circuit.CircuitId} ({circuit.Reason}); reconnect attempts held: {negotiationsHeld}");
        Assert.Equal("TokenExpired", circuit.Reason); // its retention ran out (not the store's capacity)
        Assert.True(negotiationsHeld > 0, "the browser should have tried to reconnect while the circuit was evicted");

        // The held attempt goes on: the old circuit is gone, so blazor.web.js resumes a new one from the persisted
        // state, and DealDraftResume reopens the dialog with the draft.
        await ExpectDraftReopenedAsync(page, stock, customer, "3100", "data-before-eviction");
        await Expect(page.GetByTestId("reconnect-modal")).Not.ToBeVisibleAsync();

        await SubmitAndExpectDealPageAsync(page);
        var (total, deals) = await SearchDealsApiAsync(page, customer.LastName);
        Assert.Equal(1, total);
        Assert.Equal(customer.FullName, deals[0].GetProperty("customerName").GetString());
        Assert.Equal(stock, deals[0].GetProperty("stockNumber").GetString());
    });

    /// <summary>
    /// Signs in, opens the dialog on the deals page and types a draft: a new customer, a vehicle and a down payment.
    /// The dialog is marked with <paramref name="marker"/>, which tells it from the one reopened after a lost circuit.
    /// </summary>
    private async Task<(string Stock, NewCustomer Customer)> StartDraftAsync(IPage page, string email, NewCustomer customer, string downPayment, string marker)
    {
        await SignInAsAsync(page, email);
        var stock = (await AvailableStockNumbersAsync(page, 1))[0];
        await GoToAsync(page, "/deals");
        var dialog = await OpenNewDealDialogAsync(page);
        await EnterNewCustomerAsync(dialog, customer);
        await ChooseVehicleAsync(page, stock);
        await dialog.GetByTestId("pricing-toggle").ClickAsync();
        await dialog.Locator("#downPayment").FillAsync(downPayment);
        await Expect(dialog.Locator("#downPayment")).ToHaveValueAsync(downPayment);
        await dialog.EvaluateAsync($"d => d.setAttribute('{marker}', '')");
        return (stock, customer);
    }

    /// <summary>The dialog came back on a new circuit (the marked one is gone) with everything <see cref="StartDraftAsync"/> typed.</summary>
    private static async Task ExpectDraftReopenedAsync(IPage page, string stock, NewCustomer customer, string downPayment, string marker)
    {
        var reopened = Dialog(page);
        await Expect(page.Locator($"[{marker}]")).ToHaveCountAsync(0);
        await Expect(reopened).ToBeVisibleAsync();
        await ExpectNewCustomerStillEnteredAsync(reopened, customer);
        await Expect(reopened.Locator("#vehicle-search")).ToHaveValueAsync(new System.Text.RegularExpressions.Regex($"{stock}$"));
        await Expect(reopened.Locator("#downPayment")).ToHaveValueAsync(downPayment);
    }

    /// <summary>Presses Tab (or Shift+Tab) until <paramref name="target"/> has the focus: the keyboard's way there, whatever sits between.</summary>
    private static async Task TabToAsync(IPage page, ILocator target, bool backwards = false)
    {
        for (var i = 0; i < 12; i++)
        {
            await page.Keyboard.PressAsync(backwards ? "Shift+Tab" : "Tab");
            if (await target.EvaluateAsync<bool>("e => e === document.activeElement")) return;
        }
        await Expect(target).ToBeFocusedAsync();
    }

    /// <summary>A second, separate browser context (its own cookies: a second salesperson at another desk).</summary>
    private async Task WithSecondBrowserAsync(IPage first, Func<IPage, Task> test, [CallerMemberName] string testMethod = "")
    {
        var context = await first.Context.Browser!.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        await context.Tracing.StartAsync(new() { Title = $"{testMethod} (second browser)", Screenshots = true, Snapshots = true });
        try
        {
            await test(await context.NewPageAsync());
            await context.Tracing.StopAsync();
        }
        catch
        {
            var dir = E2EPaths.ForTest($"{GetType().Name}.{testMethod}");
            try
            {
                Directory.CreateDirectory(dir);
                await context.Tracing.StopAsync(new() { Path = Path.Combine(dir, "trace-second-browser.zip") });
            }
            catch (Exception ex) // never hide the test's own failure
            {
                _output.WriteLine($"No second-browser trace: {ex.Message}");
            }
            throw;
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
