using Bunit;
using DealDesk.Data.Notifications;
using DealDesk.Data.Quotes;
using DealDesk.Data.Tenancy;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Web.Components.Pages.Deals.Quotes;
using DealDesk.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;
using MudBlazor;

namespace DealDesk.Tests.Quotes.Editor;

/// <summary>
/// The quote editor on the deal page: figures recomputed on the circuit as the salesperson types (nothing saved), a
/// colleague's save heard through the ChangeFeed (banner, or their version taken when nothing is unsaved), the conflict
/// panel after a refused save and "take theirs and re-apply mine", and locked quotes read-only.
/// </summary>
public sealed class QuoteEditorTests : ComponentTest
{
    private static readonly Guid DealId = Guid.NewGuid();
    private readonly FakeQuoteDesk _desk = new();
    private readonly QuoteView _quote;

    public QuoteEditorTests()
    {
        _quote = QuoteSamples.Finance(DealId);
        _desk.Quotes[_quote.Id] = _quote;
        Services.AddSingleton<IQuoteDesk>(_desk);
        Services.AddSingleton<ICurrentDealership>(new FakeCurrentDealership(DealershipId));
        Services.AddScoped<DealershipClock>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true)); // the live circuit subscribes to changes
        RenderDialogProvider();
    }

    private IRenderedComponent<QuoteWorkspace> RenderWorkspace()
    {
        var cut = Render<QuoteWorkspace>(p => p.Add(x => x.DealId, DealId).Add(x => x.InitialQuoteId, _quote.Id));
        cut.WaitForElement("[data-testid=quote-editor]");
        return cut;
    }

    private static string Monthly(IRenderedComponent<QuoteWorkspace> cut) => cut.Find("[data-testid=quote-monthly]").TextContent;

    private static decimal PaymentAt(QuoteInput input) => QuoteCalculator.Compute(input, FakeQuoteDesk.Rules).MonthlyPayment!.Value;

    /// <summary>A colleague's save committed elsewhere, as the ChangeListener would deliver it.</summary>
    private void ColleagueSaves(QuotePatch patch)
    {
        var saved = _desk.SaveAsColleague(_quote.Id, patch);
        Services.GetRequiredService<ChangeFeed>().Deliver(new Change(DealershipId, ChangeKinds.QuoteSaved, _quote.Id,
            new Dictionary<string, string?>
            {
                [ChangeKeys.DealId] = DealId.ToString(),
                [ChangeKeys.Version] = saved.Version.ToString(),
                [ChangeKeys.Fields] = string.Join(',', patch.Fields),
                [ChangeKeys.By] = FakeQuoteDesk.ColleagueId.ToString(),
            }, FakeQuoteDesk.ColleagueId));
    }

    [Fact]
    public void Typing_a_new_apr_recalculates_the_payment_summary_and_grid_without_saving()
    {
        var cut = RenderWorkspace();
        Assert.Contains(Money.Format(PaymentAt(_quote.Input)), Monthly(cut));

        cut.Find("#quote-apr").Input("3.9");

        var expected = PaymentAt(_quote.Input with { Apr = 3.9m });
        cut.WaitForAssertion(() => Assert.Contains(Money.Format(expected), Monthly(cut)));
        Assert.NotEqual(PaymentAt(_quote.Input), expected);
        var current = cut.Find("[data-testid=grid-cell][aria-pressed=true]");
        Assert.Contains(Money.Format(expected), current.TextContent);
        Assert.Contains("Unsaved changes", cut.Find("[data-testid=quote-save-status]").TextContent);
        Assert.Empty(_desk.Saves);
        Assert.Equal(2, _desk.Quotes[_quote.Id].Version);
    }

    [Fact]
    public void An_invalid_value_marks_the_field_and_the_figures_stale_instead_of_failing()
    {
        var cut = RenderWorkspace();

        cut.Find("#quote-term").Input("200");

        cut.WaitForAssertion(() => Assert.Equal("true", cut.Find("[data-testid=quote-summary]").GetAttribute("data-stale")));
        Assert.NotNull(cut.Find("#quote-term").Closest(".mud-input-error"));
        Assert.Contains("12", cut.Find("#quote-term").Closest(".mud-input-control")!.TextContent); // the term's range, said at the field
        Assert.Contains(Money.Format(PaymentAt(_quote.Input)), Monthly(cut)); // the last figures that could be computed
    }

    [Fact]
    public void Saving_shows_the_new_version_in_place()
    {
        var cut = RenderWorkspace();
        cut.Find("#quote-apr").Input("5.9");

        cut.Find("[data-testid=quote-save]").Click();

        cut.WaitForAssertion(() => Assert.Equal("Saved · v3", cut.Find("[data-testid=quote-save-status]").TextContent.Trim()));
        var (quoteId, patch, version) = Assert.Single(_desk.Saves);
        Assert.Equal((_quote.Id, 2L), (quoteId, version));
        Assert.Equal([QuoteFields.Apr], patch.Fields);
        Assert.Equal(5.9m, patch.Apr.Value);
    }

    [Fact]
    public void Clicking_a_grid_cell_applies_its_term_and_down_payment()
    {
        var cut = RenderWorkspace();

        cut.Find("[data-testid=grid-cell][data-term='72'][data-down='4000']").Click();

        cut.WaitForAssertion(() => Assert.Contains(Money.Format(PaymentAt(_quote.Input with { TermMonths = 72, DownPayment = 4_000m })), Monthly(cut)));
        Assert.Equal("72", cut.Find("#quote-term").GetAttribute("value"));
        Assert.Empty(_desk.Saves);
    }

    [Fact]
    public void A_colleagues_save_while_I_have_unsaved_changes_shows_the_banner_at_once_with_who_and_which_fields()
    {
        var cut = RenderWorkspace();
        cut.Find("#quote-down").Input("3500");

        ColleagueSaves(new QuotePatch { Apr = 5.49m });

        var banner = cut.WaitForElement("[data-testid=quote-banner]");
        Assert.Equal("Cleo Closer", banner.QuerySelector("[data-testid=banner-who]")!.TextContent);
        Assert.Equal("APR", banner.QuerySelector("[data-testid=banner-fields]")!.TextContent);
        Assert.Contains("3500", cut.Find("#quote-down").GetAttribute("value")); // mine untouched
    }

    [Fact]
    public void From_the_banner_the_conflict_panel_takes_theirs_and_reapplies_mine_then_saves_both()
    {
        var cut = RenderWorkspace();
        cut.Find("#quote-down").Input("3500");
        ColleagueSaves(new QuotePatch { Apr = 5.49m });
        cut.WaitForElement("[data-testid=banner-review]").Click();

        var panel = cut.WaitForElement("[data-testid=conflict-panel]");
        var apr = panel.QuerySelector("[data-testid=conflict-field][data-field=apr]")!;
        Assert.Equal("5.49 %", apr.QuerySelector("[data-testid=conflict-theirs]")!.TextContent);
        Assert.Equal("unchanged", apr.QuerySelector("[data-testid=conflict-yours]")!.TextContent);
        var down = panel.QuerySelector("[data-testid=conflict-field][data-field=downPayment]")!;
        Assert.Equal("$3,000.00", down.QuerySelector("[data-testid=conflict-theirs]")!.TextContent);
        Assert.Equal("$3,500.00", down.QuerySelector("[data-testid=conflict-yours]")!.TextContent);

        cut.Find("[data-testid=conflict-reapply]").Click();

        cut.WaitForAssertion(() => Assert.Empty(cut.FindAll("[data-testid=conflict-panel]")));
        var both = _quote.Input with { Apr = 5.49m, DownPayment = 3_500m };
        Assert.Contains(Money.Format(PaymentAt(both)), Monthly(cut));
        Assert.Empty(_desk.Saves); // for review first
        cut.Find("[data-testid=quote-save]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Saved · v4", cut.Find("[data-testid=quote-save-status]").TextContent.Trim()));
        var (_, patch, version) = Assert.Single(_desk.Saves);
        Assert.Equal(3, version);
        Assert.Equal([QuoteFields.DownPayment], patch.Fields);
        Assert.Equal((5.49m, 3_500m), (_desk.Quotes[_quote.Id].Input.Apr, _desk.Quotes[_quote.Id].Input.DownPayment));
    }

    [Fact]
    public void A_refused_save_renders_the_conflict_panel_and_discarding_takes_their_version()
    {
        var cut = RenderWorkspace();
        _desk.SaveAsColleague(_quote.Id, new QuotePatch { Apr = 5.49m }); // committed, its notification not heard yet
        cut.Find("#quote-apr").Input("4.9");

        cut.Find("[data-testid=quote-save]").Click();

        var panel = cut.WaitForElement("[data-testid=conflict-panel]");
        var apr = panel.QuerySelector("[data-testid=conflict-field][data-field=apr]")!;
        Assert.Equal("5.49 %", apr.QuerySelector("[data-testid=conflict-theirs]")!.TextContent);
        Assert.Equal("4.90 %", apr.QuerySelector("[data-testid=conflict-yours]")!.TextContent);
        Assert.Contains("Cleo Closer", panel.TextContent);

        cut.Find("[data-testid=conflict-discard]").Click();

        cut.WaitForAssertion(() => Assert.Contains(Money.Format(PaymentAt(_quote.Input with { Apr = 5.49m })), Monthly(cut)));
        Assert.Equal("3", cut.Find("[data-testid=quote-editor]").GetAttribute("data-version"));
        Assert.Equal("false", cut.Find("[data-testid=quote-editor]").GetAttribute("data-dirty"));
        Assert.Single(_desk.Saves); // the refused one only
    }

    [Fact]
    public void Without_unsaved_changes_a_colleagues_save_is_simply_taken_and_said()
    {
        var cut = RenderWorkspace();

        ColleagueSaves(new QuotePatch { Discount = 1_500m });

        cut.WaitForAssertion(() => Assert.Contains("you now see their version", cut.Find("[data-testid=quote-notice]").TextContent));
        Assert.Empty(cut.FindAll("[data-testid=quote-banner]"));
        Assert.Contains("Cleo Closer", cut.Find("[data-testid=quote-notice]").TextContent);
        Assert.Contains("Discount", cut.Find("[data-testid=quote-notice]").TextContent);
        Assert.Contains(Money.Format(PaymentAt(_quote.Input with { Discount = 1_500m })), Monthly(cut));
    }

    [Fact]
    public void My_own_save_heard_back_raises_no_banner()
    {
        var cut = RenderWorkspace();
        cut.Find("#quote-apr").Input("5.9");
        cut.Find("[data-testid=quote-save]").Click();
        cut.WaitForAssertion(() => Assert.Equal("Saved · v3", cut.Find("[data-testid=quote-save-status]").TextContent.Trim()));

        Services.GetRequiredService<ChangeFeed>().Deliver(new Change(DealershipId, ChangeKinds.QuoteSaved, _quote.Id,
            new Dictionary<string, string?> { [ChangeKeys.DealId] = DealId.ToString(), [ChangeKeys.Version] = "3", [ChangeKeys.Fields] = "apr" }, UserId));
        cut.Find("#quote-down").Input("3100"); // a render after the notification was handled

        Assert.Empty(cut.FindAll("[data-testid=quote-banner]"));
        Assert.Empty(cut.FindAll("[data-testid=quote-notice]"));
    }

    [Theory]
    [InlineData(QuoteState.Sent, "locked")]
    [InlineData(QuoteState.Accepted, "accepted")]
    public void A_locked_quote_is_read_only_and_says_why(string state, string reason)
    {
        _desk.Quotes[_quote.Id] = _quote with { State = state, AllowedActions = QuoteStates.AllowedActions(state, QuoteSamples.Saved, _quote.ExpiresAt) };

        var cut = RenderWorkspace();

        Assert.Contains(reason, cut.Find("[data-testid=quote-locked]").TextContent);
        foreach (var id in new[] { "quote-price", "quote-discount", "quote-down", "quote-term", "quote-apr" })
            Assert.True(cut.Find($"#{id}").HasAttribute("readonly"), cut.Find($"#{id}").OuterHtml);
        Assert.True(cut.Find("[data-testid=quote-save]").HasAttribute("disabled"));
        Assert.All(cut.FindAll("[data-testid=grid-cell]"), c => Assert.True(c.HasAttribute("disabled")));
        Assert.Empty(cut.FindAll("[data-testid=add-rebate]"));
        Assert.Empty(cut.FindAll("[data-testid=quote-edit]"));
    }

    [Fact]
    public void Payment_to_price_solves_the_discount_for_a_target_payment_and_applies_it()
    {
        SignInAs(manager: true);
        var cut = RenderWorkspace();

        cut.Find("#rollback-target").Input("450");
        cut.Find("[data-testid=rollback-solve] ").Click();

        var result = cut.WaitForElement("[data-testid=rollback-result]");
        Assert.Contains("$450.00/mo", result.TextContent);
        Assert.NotNull(result.QuerySelector("[data-testid=rollback-gross]"));
        cut.Find("[data-testid=rollback-apply]").Click();
        cut.WaitForAssertion(() => Assert.Contains("$450.00", Monthly(cut)));
        Assert.NotNull(cut.Find("[data-testid=quote-gross]"));
    }

    [Fact]
    public void A_salesperson_sees_no_front_gross()
    {
        var cut = RenderWorkspace();

        Assert.Empty(cut.FindAll("[data-testid=quote-gross]"));
    }
}
