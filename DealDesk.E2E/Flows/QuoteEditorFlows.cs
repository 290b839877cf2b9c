using System.Globalization;
using System.Text.Json;
using DealDesk.E2E.Infrastructure;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static Microsoft.Playwright.Assertions;

namespace DealDesk.E2E.Flows;

/// <summary>
/// The quote editor on the deal page, as two desks use it: a colleague's save shows at once, a stale save never
/// overwrites (the conflict panel re-applies mine on theirs), figures move as you type without saving, a sent quote is
/// locked, and the customer worksheet prints with the customer's numbers and none of the dealership's.
/// </summary>
public sealed class QuoteEditorFlows(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    [Fact]
    public Task Two_desks_on_one_quote_see_each_others_saves_and_a_stale_save_reapplies_on_theirs() => RunAsync(async a =>
    {
        await SignInAsAsync(a, "sales1@northside.test");
        var vehicle = (await DealSetup.AvailableVehiclesAsync(a, 1))[0];
        var deal = await DealSetup.CreateDealAsync(a, "Theo", $"Marsh-{DealSetup.Tag()}", vehicle);
        await OpenEditorAsync(a, deal.Id);
        var quoteId = (await a.GetByTestId("quote-editor").GetAttributeAsync("data-quote-id"))!;
        var start = await VersionAsync(a);

        await WithColleagueAsync(a, "sales2@northside.test", async b =>
        {
            await OpenEditorAsync(b, deal.Id);
            // B has unsaved changes when A saves.
            await b.Locator("#quote-down").FillAsync("4500");
            await Expect(b.GetByTestId("quote-save-status")).ToContainTextAsync("Unsaved changes");

            await a.Locator("#quote-apr").FillAsync("4.9");
            await a.GetByTestId("quote-save").ClickAsync();
            await Expect(a.GetByTestId("quote-save-status")).ToHaveTextAsync($"Saved · v{start + 1}");

            // B hears it at once, without doing anything.
            var banner = b.GetByTestId("quote-banner");
            await Expect(banner).ToBeVisibleAsync();
            await Expect(banner.GetByTestId("banner-who")).ToHaveTextAsync(SalesOne);
            await Expect(banner.GetByTestId("banner-fields")).ToHaveTextAsync("APR");
            await Shots.TakeAsync(b, "editor-banner-1280");

            // B saves anyway: refused, and the conflict panel shows A's change next to B's.
            await b.GetByTestId("quote-save").ClickAsync();
            var panel = b.GetByTestId("conflict-panel");
            await Expect(panel).ToBeVisibleAsync();
            var apr = panel.Locator("[data-testid=conflict-field][data-field=apr]");
            await Expect(apr.GetByTestId("conflict-theirs")).ToHaveTextAsync("4.90 %");
            await Expect(apr.GetByTestId("conflict-yours")).ToHaveTextAsync("unchanged");
            await Expect(panel.Locator("[data-testid=conflict-field][data-field=downPayment]").GetByTestId("conflict-yours")).ToHaveTextAsync("$4,500.00");
            await Shots.TakeAsync(b, "editor-conflict-1280");

            await b.GetByTestId("conflict-reapply").ClickAsync();
            await Expect(panel).ToHaveCountAsync(0);
            await Expect(b.Locator("#quote-apr")).ToHaveValueAsync("4.9");
            await Expect(b.Locator("#quote-down")).ToHaveValueAsync("4500.00");
            await b.GetByTestId("quote-save").ClickAsync();
            await Expect(b.GetByTestId("quote-save-status")).ToHaveTextAsync($"Saved · v{start + 2}");

            // A had nothing unsaved: it simply shows B's version, and says so.
            await Expect(a.GetByTestId("quote-editor")).ToHaveAttributeAsync("data-version", (start + 2).ToString(CultureInfo.InvariantCulture));
            await Expect(a.GetByTestId("quote-notice")).ToContainTextAsync("you now see their version");
            await Expect(a.Locator("#quote-down")).ToHaveValueAsync("4500.00");
            return true;
        });

        var saved = await QuoteAsync(a, quoteId);
        Assert.Equal(start + 2, saved.GetProperty("version").GetInt64());
        Assert.Equal(4.9m, saved.GetProperty("apr").GetDecimal());
        Assert.Equal(4_500m, saved.GetProperty("downPayment").GetDecimal());
    });

    [Fact]
    public Task Typing_a_new_apr_updates_the_monthly_payment_without_saving() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        var vehicle = (await DealSetup.AvailableVehiclesAsync(page, 1))[0];
        var deal = await DealSetup.CreateDealAsync(page, "Uma", $"Reyes-{DealSetup.Tag()}", vehicle);
        await OpenEditorAsync(page, deal.Id);
        var quoteId = (await page.GetByTestId("quote-editor").GetAttributeAsync("data-quote-id"))!;
        var before = await QuoteAsync(page, quoteId);
        var monthly = page.GetByTestId("quote-monthly");
        var was = await monthly.TextContentAsync();

        await page.Locator("#quote-apr").FillAsync("1.9");

        await Expect(monthly).Not.ToHaveTextAsync(was!);
        await Expect(page.GetByTestId("quote-save-status")).ToContainTextAsync("Unsaved changes");
        var after = await QuoteAsync(page, quoteId);
        Assert.Equal(before.GetProperty("version").GetInt64(), after.GetProperty("version").GetInt64());
        Assert.Equal(before.GetProperty("apr").GetDecimal(), after.GetProperty("apr").GetDecimal());
        Assert.Equal(before.GetProperty("monthlyPayment").GetDecimal(), after.GetProperty("monthlyPayment").GetDecimal());
    });

    [Fact]
    public Task A_sent_quote_is_locked_and_says_why() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "sales1@northside.test");
        var vehicle = (await DealSetup.AvailableVehiclesAsync(page, 1))[0];
        var deal = await DealSetup.CreateDealAsync(page, "Vera", $"Stone-{DealSetup.Tag()}", vehicle);
        await OpenEditorAsync(page, deal.Id);

        await page.GetByTestId("quote-send").ClickAsync();
        await Expect(page.GetByTestId("confirm-dialog")).ToContainTextAsync("locks");
        await page.GetByTestId("confirm-yes").ClickAsync();

        await Expect(page.GetByTestId("quote-locked")).ToContainTextAsync("locked");
        await Expect(page.GetByTestId("quote-state")).ToHaveTextAsync("Sent");
        await Expect(page.Locator("#quote-apr")).Not.ToBeEditableAsync();
        await Expect(page.Locator("#quote-price")).Not.ToBeEditableAsync();
        await Expect(page.GetByTestId("quote-save")).ToBeDisabledAsync();
        await Expect(page.GetByTestId("grid-cell").First).ToBeDisabledAsync();
        await Expect(page.GetByTestId("quote-reject")).ToBeVisibleAsync(); // the way back to editing
    });

    [Fact]
    public Task The_worksheet_prints_the_customers_numbers_and_no_gross() => RunAsync(async page =>
    {
        await SignInAsAsync(page, "manager@northside.test");
        var vehicle = (await DealSetup.AvailableVehiclesAsync(page, 1))[0];
        var deal = await DealSetup.CreateDealAsync(page, "Wes", $"Holt-{DealSetup.Tag()}", vehicle);
        await OpenEditorAsync(page, deal.Id);
        var monthly = (await page.GetByTestId("quote-monthly").TextContentAsync())!.Replace("/mo", "").Trim();
        await Expect(page.GetByTestId("quote-gross")).ToBeVisibleAsync(); // the manager sees it in the editor ...

        await page.GetByTestId("quote-worksheet").ClickAsync();
        var sheet = page.GetByTestId("worksheet");
        await Expect(sheet).ToBeVisibleAsync();
        await WaitForCircuitAsync(page);

        await Expect(page.GetByTestId("worksheet-monthly")).ToHaveTextAsync(monthly);
        await Expect(page.GetByTestId("worksheet-customer")).ToHaveTextAsync(deal.CustomerName);
        await Expect(page.GetByTestId("worksheet-vehicle")).ToHaveTextAsync(vehicle.Title);
        await Expect(page.GetByTestId("worksheet-dealership")).Not.ToBeEmptyAsync();
        await Expect(page.GetByTestId("worksheet-grid")).ToBeVisibleAsync();
        await Expect(sheet).Not.ToContainTextAsync("gross", new() { IgnoreCase = true }); // ... the customer never does
        await Expect(sheet).Not.ToContainTextAsync("Vehicle cost", new() { IgnoreCase = true });
        await Shots.TakeAsync(page, "worksheet-1280");

        var pdf = await page.PdfAsync(new() { Format = "Letter", PrintBackground = true });
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(pdf, 0, 4));
        Assert.True(pdf.Length > 5_000, $"The PDF has {pdf.Length} bytes.");
        Shots.Save("worksheet.pdf", pdf);
        // On paper, the app's frame is gone: only the sheet prints.
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        await Expect(page.Locator(".mud-appbar")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("worksheet-print")).ToBeHiddenAsync();
        await Expect(page.GetByTestId("worksheet-monthly")).ToBeVisibleAsync();
    });

    [Fact]
    public Task On_a_phone_the_editor_stacks_without_sideways_scroll_and_keeps_the_payment_in_sight() => RunAsync(async page =>
    {
        await page.SetViewportSizeAsync(390, 844);
        await SignInAsAsync(page, "sales1@northside.test");
        var vehicle = (await DealSetup.AvailableVehiclesAsync(page, 1))[0];
        var deal = await DealSetup.CreateDealAsync(page, "Xia", $"Lund-{DealSetup.Tag()}", vehicle);
        await OpenEditorAsync(page, deal.Id);

        await page.Locator("#quote-apr").ScrollIntoViewIfNeededAsync();
        await Expect(page.Locator(".dd-quote-mobile-bar")).ToBeInViewportAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The deal page scrolls sideways on a phone.");
        await Shots.TakeAsync(page, "editor-390", fullPage: true);
        await page.GetByTestId("quote-worksheet").ClickAsync();
        await Expect(page.GetByTestId("worksheet")).ToBeVisibleAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"),
            "The worksheet scrolls sideways on a phone.");
        await Shots.TakeAsync(page, "worksheet-390", fullPage: true);
    });

    private const string SalesOne = "Noah Bennett";

    private static async Task OpenEditorAsync(IPage page, string dealId)
    {
        await GoToAsync(page, $"/deals/{dealId}");
        await Expect(page.GetByTestId("quote-editor")).ToBeVisibleAsync();
    }

    private static async Task<long> VersionAsync(IPage page) =>
        long.Parse((await page.GetByTestId("quote-editor").GetAttributeAsync("data-version"))!, CultureInfo.InvariantCulture);

    private static async Task<JsonElement> QuoteAsync(IPage page, string quoteId)
    {
        var response = await page.APIRequest.GetAsync($"/api/quotes/{quoteId}");
        Assert.True(response.Ok, $"GET /api/quotes/{quoteId} answered {response.Status}");
        return (await response.JsonAsync())!.Value.GetProperty("data");
    }

    /// <summary>A colleague at another desk: a separate browser context (its own cookies), signed in as <paramref name="email"/>.</summary>
    private async Task<T> WithColleagueAsync<T>(IPage page, string email, Func<IPage, Task<T>> act)
    {
        var context = await page.Context.Browser!.NewContextAsync(new() { BaseURL = BaseUrl, ViewportSize = new() { Width = 1280, Height = 900 } });
        context.SetDefaultTimeout(15_000);
        try
        {
            var colleague = await context.NewPageAsync();
            await SignInAsAsync(colleague, email);
            return await act(colleague);
        }
        finally
        {
            await context.CloseAsync();
        }
    }
}
