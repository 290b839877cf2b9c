using System.Runtime.CompilerServices;
using DealDesk.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static DealDesk.E2E.Flows.DealDialogSteps;
using static Microsoft.Playwright.Assertions;

namespace DealDesk.E2E.Flows;

/// <summary>Two salespeople want the same vehicle at the same moment: one gets it, the other is told so and carries on.</summary>
public sealed class DealRaceTests(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    private readonly ITestOutputHelper _output = output;

    [Fact]
    public Task Two_salespeople_submit_the_same_vehicle_at_once_and_the_loser_keeps_the_customer_and_picks_another() => RunAsync(async sales1 =>
        await WithSecondBrowserAsync(sales1, async sales2 =>
    {
        await SignInAsAsync(sales1, "sales1@northside.test");
        await SignInAsAsync(sales2, "sales2@northside.test");
        var stock = await AvailableStockNumbersAsync(sales1, 2);
        var (contested, fallback) = (stock[0], stock[1]);
        var customer1 = NewCustomer.Unique("Ines", "Varga", phone: "(555) 301-1001");
        var customer2 = NewCustomer.Unique("Jonah", "Brandt", phone: "(555) 302-2002");

        // Both fill in the dialog with their own customer and the same vehicle.
        await sales1.GotoAsync("/deals");
        var dialog1 = await OpenNewDealDialogAsync(sales1);
        await EnterNewCustomerAsync(dialog1, customer1);
        var contestedVehicle = await ChooseVehicleAsync(dialog1, contested);
        await sales2.GotoAsync("/deals");
        var dialog2 = await OpenNewDealDialogAsync(sales2);
        await EnterNewCustomerAsync(dialog2, customer2);
        await ChooseVehicleAsync(dialog2, contested);

        // Both press "Create deal" at (nearly) the same moment.
        var click1 = dialog1.GetByTestId("create-deal").ClickAsync();
        var click2 = dialog2.GetByTestId("create-deal").ClickAsync();
        await Task.WhenAll(click1, click2);

        // Each browser ends on a deal page or on the picker's warning; wait for both outcomes, then see who won.
        foreach (var p in new[] { sales1, sales2 })
            await Expect(p.GetByTestId("deal-number").Or(p.GetByTestId("vehicle-error"))).ToBeVisibleAsync();
        var won1 = await sales1.GetByTestId("deal-number").IsVisibleAsync();
        var won2 = await sales2.GetByTestId("deal-number").IsVisibleAsync();
        Assert.True(won1 ^ won2, $"exactly one salesperson should get the vehicle, but sales1 {(won1 ? "won" : "lost")} and sales2 {(won2 ? "won" : "lost")}");
        var (winner, winnerCustomer, loser, loserCustomer) = won1 ? (sales1, customer1, sales2, customer2) : (sales2, customer2, sales1, customer1);
        _output.WriteLine($"{(won1 ? "sales1" : "sales2")} got {contested}");

        // The winner is on the new deal with the contested vehicle.
        await ExpectDraftDealAsync(winner, winnerCustomer.FullName, contestedVehicle);

        // The loser is still in the dialog: the warning is at the vehicle picker, and the customer is still typed in.
        var loserDialog = Dialog(loser);
        await Expect(loserDialog).ToHaveAttributeAsync("open", "");
        var warning = loserDialog.GetByTestId("vehicle-picker").GetByTestId("vehicle-error");
        await Expect(warning).ToContainTextAsync("no longer available");
        await Expect(warning).ToContainTextAsync(contested);
        await Expect(loserDialog.GetByTestId("dialog-error")).ToHaveCountAsync(0);
        await ExpectNewCustomerStillEnteredAsync(loserDialog, loserCustomer);
        Assert.True(IsPath(loser.Url, "/deals"), $"the losing browser should still be on /deals, but is at {loser.Url}");

        // Without retyping anything, the loser picks another vehicle and gets a deal for the same customer.
        var other = await ChooseVehicleAsync(loserDialog, fallback);
        await SubmitAndExpectDealPageAsync(loser);
        await ExpectDraftDealAsync(loser, loserCustomer.FullName, other);
        Assert.NotEqual(winner.Url, loser.Url);

        // The contested vehicle is on hold, and exactly one deal holds it: the winner's.
        var row = await FindInInventoryAsync(sales1, contested);
        await Expect(row.GetByTestId("vehicle-status")).ToHaveTextAsync("pending");
        var (total, deals) = await SearchDealsApiAsync(sales1, contested);
        Assert.Equal(1, total);
        Assert.Equal(winnerCustomer.FullName, deals[0].GetProperty("customerName").GetString());
        Assert.Equal("DRAFT", deals[0].GetProperty("state").GetString());
        // ...and neither customer got a second deal.
        Assert.Equal(1, (await SearchDealsApiAsync(sales1, winnerCustomer.LastName)).Total);
        Assert.Equal(1, (await SearchDealsApiAsync(sales1, loserCustomer.LastName)).Total);
    }));

    /// <summary>
    /// A second, separate browser context (its own cookies: a second salesperson at another desk). Its trace is
    /// saved next to the first one's when the test fails (TestResults/&lt;Class.Test&gt;/trace-second-browser.zip).
    /// </summary>
    private async Task WithSecondBrowserAsync(IPage first, Func<IPage, Task> test, [CallerMemberName] string testMethod = "")
    {
        var context = await first.Context.Browser!.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            ViewportSize = new() { Width = 1280, Height = 900 },
        });
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
