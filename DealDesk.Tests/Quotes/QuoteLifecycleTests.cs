using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Quotes;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Quotes.Support;

namespace DealDesk.Tests.Quotes;

/// <summary>
/// States and the deal's list of quotes: send/accept/reject/cancel with their locks, expiry, duplicate, rename, delete,
/// activate, the per-deal quota, closed deals, and a vehicle swap repricing the active draft.
/// </summary>
public sealed class QuoteLifecycleTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    static readonly DateTimeOffset Now = new(2026, 12, 2, 15, 0, 0, TimeSpan.Zero);

    TestDatabase Db => fixture.Db;

    [Fact]
    public async Task A_sent_quote_is_locked_until_rejected_and_accepting_one_makes_it_the_deals_active_quote()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = DealHost.Create(Db, Now);
        await using var scope = host.Scope(north.DealershipId, north.Sales1Id);
        var deal = await scope.NewDealAsync(Db, north);
        var service = scope.Get<QuoteService>();
        var second = await service.CreateAsync(deal.Deal.Id, new QuotePatch { Name = "Lower payment", TermMonths = 72 });

        var sent = await service.TransitionAsync(second.Id, QuoteAction.Send, 1);
        var before = await DbSnapshot.TakeAsync(Db);
        var locked = await DealKit.FailsAsync(() => service.SaveAsync(second.Id, new QuotePatch { Discount = 250m }, 2), ErrorCodes.QuoteAlreadySent, 409);
        await DealKit.FailsAsync(() => service.TransitionAsync(second.Id, QuoteAction.Send, 2), ErrorCodes.QuoteStateInvalid, 409);
        await DealKit.FailsAsync(() => service.DeleteAsync(second.Id, 2), ErrorCodes.QuoteAlreadySent, 409);
        await before.AssertUnchangedAsync(Db);
        var renamed = await service.RenameAsync(second.Id, "Lower payment (shown)", 2); // the name is ours, not the customer's
        var rejected = await service.TransitionAsync(second.Id, QuoteAction.Reject, 3);
        var revised = await service.SaveAsync(second.Id, new QuotePatch { Discount = 250m }, 4);
        await service.TransitionAsync(second.Id, QuoteAction.Send, 5);
        var accepted = await service.TransitionAsync(second.Id, QuoteAction.Accept, 6);

        Assert.Equal((QuoteState.Sent, true, 2L), (sent.State, sent.IsLocked, sent.Version));
        Assert.Equal(QuoteState.Sent, DealKit.Detail(locked, "state"));
        Assert.Equal((QuoteState.Sent, 3L), (renamed.State, renamed.Version));
        Assert.Equal([QuoteAction.Edit, QuoteAction.Reopen, QuoteAction.Cancel], rejected.AllowedActions);
        Assert.Equal((QuoteState.Draft, 250m), (revised.State, revised.Input.Discount));
        Assert.Equal((QuoteState.Accepted, true, 7L), (accepted.State, accepted.IsActive, accepted.Version));
        Assert.Empty(accepted.AllowedActions);
        Assert.Equal(second.Id, await Db.ScalarAsync<Guid>("SELECT active_scenario_id FROM deals WHERE id = $1", deal.Deal.Id));
        await DealKit.FailsAsync(() => service.TransitionAsync(second.Id, QuoteAction.Cancel, 7), ErrorCodes.QuoteStateInvalid, 409);
        await DealKit.FailsAsync(() => service.SaveAsync(second.Id, new QuotePatch { Discount = 0m }, 7), ErrorCodes.QuoteAlreadySent, 409);
        await DealKit.AssertInvariantsAsync(Db);
    }

    [Fact]
    public async Task Illegal_transitions_are_QUOTE_STATE_INVALID_with_the_allowed_actions()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = DealHost.Create(Db, Now);
        await using var scope = host.Scope(north.DealershipId, north.Sales1Id);
        var deal = await scope.NewDealAsync(Db, north);
        var service = scope.Get<QuoteService>();
        var id = deal.Scenario.Id;

        var accept = await DealKit.FailsAsync(() => service.TransitionAsync(id, QuoteAction.Accept, 1), ErrorCodes.QuoteStateInvalid, 409);
        var cancelled = await service.TransitionAsync(id, QuoteAction.Cancel, 1);
        var reopen = await DealKit.FailsAsync(() => service.TransitionAsync(id, QuoteAction.Reopen, 2), ErrorCodes.QuoteStateInvalid, 409);

        Assert.Equal(new[] { "Edit", "Send", "Cancel" }, (string[])DealKit.Detail(accept, "allowedActions")!);
        Assert.Equal(QuoteState.Cancelled, cancelled.State);
        Assert.Equal(QuoteState.Cancelled, DealKit.Detail(reopen, "state"));
        await DealKit.FailsAsync(() => service.SaveAsync(id, new QuotePatch { Discount = 1m }, 2), ErrorCodes.QuoteStateInvalid, 409);
    }

    [Fact]
    public async Task A_quote_past_its_expiry_reads_EXPIRED_and_an_edit_renews_it_as_a_draft()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = DealHost.Create(Db, Now);
        await using var scope = host.Scope(north.DealershipId, north.Sales1Id);
        var deal = await scope.NewDealAsync(Db, north);
        var service = scope.Get<QuoteService>();
        var quote = await service.CreateAsync(deal.Deal.Id, new QuotePatch { ExpiresInDays = 2 });
        await service.TransitionAsync(quote.Id, QuoteAction.Send, 1);

        host.Clock.Now = Now.AddDays(3);
        var expired = await scope.Get<QuoteQueries>().GetAsync(quote.Id);
        await DealKit.FailsAsync(() => service.TransitionAsync(quote.Id, QuoteAction.Accept, 2), ErrorCodes.QuoteStateInvalid, 409);
        var renewed = await service.SaveAsync(quote.Id, new QuotePatch { DownPayment = 500m }, 2);

        Assert.Equal((QuoteState.Expired, Now.AddDays(2)), (expired.State, expired.ExpiresAt));
        Assert.Equal([QuoteAction.Edit, QuoteAction.Reopen, QuoteAction.Cancel], expired.AllowedActions);
        Assert.Equal((QuoteState.Draft, Now.AddDays(3 + 7), 3L), (renewed.State, renewed.ExpiresAt, renewed.Version));
        var history = await scope.Get<QuoteQueries>().HistoryAsync(quote.Id);
        Assert.Equal(["downPayment", "expiresAt", "state"], history[^1].Changes.Keys);
        Assert.Equal("EXPIRED", history[^1].Changes["state"].From!.Value.GetString());
    }

    [Fact]
    public async Task Duplicate_rename_activate_and_delete_keep_the_deals_list_consistent()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = DealHost.Create(Db, Now);
        await using var scope = host.Scope(north.DealershipId, north.Sales1Id);
        var deal = await scope.NewDealAsync(Db, north);
        var service = scope.Get<QuoteService>();
        var first = deal.Scenario.Id;
        await service.SaveAsync(first, new QuotePatch { DownPayment = 2_500m, Rebates = Optional.Of<IReadOnlyList<RebateLine>>([new RebateLine("College", 500m)]) }, 1);

        var copy = await service.DuplicateAsync(first);
        var activeDelete = await DealKit.FailsAsync(() => service.DeleteAsync(first, 2), ErrorCodes.QuoteStateInvalid, 409);
        var activated = await service.ActivateAsync(copy.Id);
        await service.DeleteAsync(first, 2);
        var list = await scope.Get<QuoteQueries>().ListAsync(deal.Deal.Id);

        Assert.Equal(("Scenario 1 (copy)", 1L, QuoteState.Draft, false), (copy.Name, copy.Version, copy.State, copy.IsActive));
        Assert.Equal((2_500m, "College"), (copy.Input.DownPayment, copy.Input.Rebates.Single().Name));
        Assert.Equal("active", DealKit.Detail(activeDelete, "reason"));
        Assert.True(activated.IsActive);
        Assert.Equal(1L, activated.Version); // activating changes the deal, not the quote
        Assert.Equal([copy.Id], list.Select(q => q.Id));
        Assert.Equal(0, await Db.ScalarAsync<long>("SELECT count(*) FROM quote_lines WHERE quote_id = $1", first));
        Assert.Equal(0, await Db.ScalarAsync<long>("SELECT count(*) FROM quote_history WHERE quote_id = $1", first));
        Assert.Equal(["deal.created", "quote.created", "quote.activated", "quote.deleted"], await Db.ScalarAsync<string>(
            "SELECT string_agg(action, ',' ORDER BY occurred_at, id) FROM audit_log WHERE entity_id = $1", deal.Deal.Id) is { } actions
            ? actions.Split(',') : []);
        await DealKit.FailsAsync(() => scope.Get<QuoteQueries>().GetAsync(first), ErrorCodes.ResourceNotFound, 404);
        await DealKit.AssertInvariantsAsync(Db);
    }

    [Fact]
    public async Task Deleting_with_a_stale_version_is_a_conflict_and_a_deal_holds_at_most_twenty_quotes()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = DealHost.Create(Db, Now);
        await using var scope = host.Scope(north.DealershipId, north.Sales1Id);
        var deal = await scope.NewDealAsync(Db, north);
        var service = scope.Get<QuoteService>();
        var extra = await service.CreateAsync(deal.Deal.Id);
        await service.SaveAsync(extra.Id, new QuotePatch { TermMonths = 48 }, 1);

        await DealKit.FailsAsync(() => service.DeleteAsync(extra.Id, 1), ErrorCodes.QuoteConflictVersion, 409);
        for (var n = 2; n < QuoteFailures.MaxQuotesPerDeal; n++) await service.CreateAsync(deal.Deal.Id);
        var before = await DbSnapshot.TakeAsync(Db);
        var quota = await DealKit.FailsAsync(() => service.DuplicateAsync(extra.Id), ErrorCodes.QuotaExceeded, 409);
        await DealKit.FailsAsync(() => service.CreateAsync(deal.Deal.Id), ErrorCodes.QuotaExceeded, 409);

        Assert.Equal(QuoteFailures.MaxQuotesPerDeal, DealKit.Detail(quota, "limit"));
        await before.AssertUnchangedAsync(Db);
        Assert.Equal(QuoteFailures.MaxQuotesPerDeal, await Db.ScalarAsync<long>("SELECT count(*) FROM pricing_scenarios WHERE deal_id = $1", deal.Deal.Id));
    }

    [Fact]
    public async Task The_quotes_of_a_cancelled_deal_can_no_longer_change()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = DealHost.Create(Db, Now);
        await using var scope = host.Scope(north.DealershipId, north.Sales1Id);
        var deal = await scope.NewDealAsync(Db, north);
        await scope.Get<DealActions>().CancelAsync(deal.Deal.Id);
        var service = scope.Get<QuoteService>();
        var before = await DbSnapshot.TakeAsync(Db);

        await DealKit.FailsAsync(() => service.SaveAsync(deal.Scenario.Id, new QuotePatch { Discount = 1m }, 1), ErrorCodes.DealStateInvalid, 409);
        await DealKit.FailsAsync(() => service.CreateAsync(deal.Deal.Id), ErrorCodes.DealStateInvalid, 409);
        await DealKit.FailsAsync(() => service.TransitionAsync(deal.Scenario.Id, QuoteAction.Send, 1), ErrorCodes.DealStateInvalid, 409);
        var view = await scope.Get<QuoteQueries>().GetAsync(deal.Scenario.Id);

        Assert.Empty(view.AllowedActions);
        Assert.False(view.CanDelete || view.CanActivate);
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task A_vehicle_swap_reprices_the_active_draft_as_a_new_version_but_leaves_a_sent_quote_as_the_customer_saw_it()
    {
        var north = (await Db.DemoAsync()).North;
        await using var host = DealHost.Create(Db, Now);
        await using var scope = host.Scope(north.DealershipId, north.Sales1Id);
        var deal = await scope.NewDealAsync(Db, north, price: 30_000m);
        var replacement = await DealKit.AddVehicleAsync(Db, north.DealershipId, price: 32_500m);
        await Db.ExecuteAsync("UPDATE vehicles SET cost = 30000 WHERE id = $1", replacement);
        var another = await DealKit.AddVehicleAsync(Db, north.DealershipId, price: 35_000m);

        await scope.Get<DealActions>().AttachVehicleAsync(deal.Deal.Id, new AttachVehicleRequest { VehicleId = replacement.ToString() });
        var repriced = await scope.Get<QuoteQueries>().GetAsync(deal.Scenario.Id);
        await scope.Get<QuoteService>().TransitionAsync(deal.Scenario.Id, QuoteAction.Send, 2);
        await scope.Get<DealActions>().AttachVehicleAsync(deal.Deal.Id, new AttachVehicleRequest { VehicleId = another.ToString() });
        var sent = await scope.Get<QuoteQueries>().GetAsync(deal.Scenario.Id);

        Assert.Equal((2L, 32_500m, 2_500m), (repriced.Version, repriced.Input.Price, repriced.Figures.FrontGross));
        Assert.Equal(QuoteHistoryAction.Repriced, (await scope.Get<QuoteQueries>().HistoryAsync(deal.Scenario.Id))[1].Action);
        Assert.Equal((3L, 32_500m, QuoteState.Sent), (sent.Version, sent.Input.Price, sent.State));
    }
}
