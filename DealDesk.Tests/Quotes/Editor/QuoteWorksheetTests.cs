using Bunit;
using DealDesk.Data.Deals;
using DealDesk.Data.Quotes;
using DealDesk.Data.Tenancy;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Web.Components.Pages.Deals;
using DealDesk.Web.Components.Pages.Deals.Quotes;
using DealDesk.Web.Components.Shared;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Quotes.Editor;

/// <summary>The customer worksheet: the dealership, customer, vehicle, the quote's numbers and options, and nothing internal.</summary>
public sealed class QuoteWorksheetTests : ComponentTest
{
    private readonly FakeDealQueries _deals = new();
    private readonly FakeQuoteDesk _desk = new();

    public QuoteWorksheetTests()
    {
        Services.AddSingleton<IDealQueries>(_deals);
        Services.AddSingleton<IQuoteDesk>(_desk);
        Services.AddSingleton<ICurrentDealership>(new FakeCurrentDealership(DealershipId));
        Services.AddScoped<DealershipClock>();
    }

    [Fact]
    public void A_managers_worksheet_shows_the_customers_numbers_and_grid_but_no_cost_or_gross()
    {
        SignInAs(manager: true);
        var deal = DealSamples.Draft();
        _deals.Details = deal;
        var quote = QuoteSamples.Finance(deal.Deal.Id);
        _desk.Quotes[quote.Id] = quote;
        Assert.NotNull(quote.Figures.FrontGross); // there is a gross to leak

        var cut = Render<QuoteWorksheet>(p => p.Add(x => x.DealId, deal.Deal.Id).Add(x => x.QuoteId, quote.Id));

        var sheet = cut.WaitForElement("[data-testid=worksheet]");
        Assert.Equal("Northside Motors", cut.Find("[data-testid=worksheet-dealership]").TextContent);
        Assert.Equal("Rosa Okafor", cut.Find("[data-testid=worksheet-customer]").TextContent);
        Assert.Equal("2023 Chevrolet Equinox Premier", cut.Find("[data-testid=worksheet-vehicle]").TextContent);
        Assert.Equal(Money.Format(quote.Figures.MonthlyPayment!.Value), cut.Find("[data-testid=worksheet-monthly]").TextContent);
        Assert.Equal(9, cut.FindAll("[data-testid=worksheet-grid] tbody td").Count);
        Assert.DoesNotContain("gross", sheet.TextContent, StringComparison.OrdinalIgnoreCase);
        var numbers = cut.Find(".dd-worksheet-numbers").TextContent; // (the grid's down payments may equal any amount)
        Assert.DoesNotContain(Money.Format(quote.Figures.FrontGross!.Value), numbers);
        Assert.DoesNotContain(Money.Format(25_000m), sheet.TextContent); // the vehicle's cost
    }

    [Fact]
    public void Print_asks_the_browser_to_print()
    {
        var deal = DealSamples.Draft();
        _deals.Details = deal;
        var quote = QuoteSamples.Finance(deal.Deal.Id);
        _desk.Quotes[quote.Id] = quote;
        var cut = Render<QuoteWorksheet>(p => p.Add(x => x.DealId, deal.Deal.Id).Add(x => x.QuoteId, quote.Id));

        cut.WaitForElement("[data-testid=worksheet-print]").Click();

        Assert.Single(JSInterop.Invocations, i => i.Identifier == "print");
    }
}
