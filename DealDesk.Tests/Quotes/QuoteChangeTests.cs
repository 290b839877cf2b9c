using DealDesk.Data.Errors;
using DealDesk.Data.Notifications;
using DealDesk.Data.Quotes;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Notifications.Support;
using DealDesk.Tests.Quotes.Support;

namespace DealDesk.Tests.Quotes;

/// <summary>
/// What quote writes announce, heard by a second app instance (its own LISTEN connection) on the same database:
/// committed saves reach its subscribers; a refused save announces nothing.
/// </summary>
public sealed class QuoteChangeTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>, IAsyncLifetime
{
    TestDatabase Db => fixture.Db;
    ListeningHost _writer = null!;
    ListeningHost _reader = null!;
    DemoTenant _north = null!;

    public async Task InitializeAsync()
    {
        _north = (await Db.DemoAsync()).North;
        _writer = await ListeningHost.StartAsync(Db);
        _reader = await ListeningHost.StartAsync(Db);
    }

    public async Task DisposeAsync()
    {
        await _writer.DisposeAsync();
        await _reader.DisposeAsync();
    }

    [Fact]
    public async Task A_committed_save_reaches_a_subscriber_on_another_instance_with_the_deal_version_fields_and_author()
    {
        Data.Deals.DealResult deal;
        await using (var scope = _writer.Scope(_north.DealershipId, _north.Sales1Id))
            deal = await scope.NewDealAsync(Db, _north);
        var (dealId, quoteId) = (deal.Deal.Id, deal.Scenario.Id);
        using var inbox = _reader.Subscribe(_north.DealershipId, c => c.Kind == ChangeKinds.QuoteSaved || c.Kind == ListeningHost.MarkerKind);

        var changes = await _reader.ChangesDuringAsync(inbox, _north.DealershipId, _north.Sales2Id, async () =>
        {
            await using var scope = _writer.Scope(_north.DealershipId, _north.Sales2Id);
            await scope.Get<QuoteService>().SaveAsync(quoteId, new QuotePatch { DownPayment = 3_000m, TermMonths = 48 }, 1);
        });

        var saved = Assert.Single(changes);
        Assert.Equal((ChangeKinds.QuoteSaved, quoteId, _north.DealershipId, _north.Sales2Id), (saved.Kind, saved.Id, saved.DealershipId, saved.ByUserId));
        Assert.Equal(dealId.ToString(), saved.Get(ChangeKeys.DealId));
        Assert.Equal("2", saved.Get(ChangeKeys.Version));
        Assert.Equal("downPayment,termMonths", saved.Get(ChangeKeys.Fields));
        Assert.Equal(_north.Sales2Id.ToString(), saved.Get(ChangeKeys.By));
    }

    [Fact]
    public async Task A_refused_stale_save_and_an_invalid_one_notify_nobody()
    {
        Guid quoteId;
        await using (var scope = _writer.Scope(_north.DealershipId, _north.Sales1Id))
        {
            quoteId = (await scope.NewDealAsync(Db, _north)).Scenario.Id;
            await scope.Get<QuoteService>().SaveAsync(quoteId, new QuotePatch { Discount = 100m }, 1);
        }
        using var inbox = _reader.Subscribe(_north.DealershipId);

        var changes = await _reader.ChangesDuringAsync(inbox, _north.DealershipId, _north.Sales2Id, async () =>
        {
            await using var scope = _writer.Scope(_north.DealershipId, _north.Sales2Id);
            await DealKit.FailsAsync(() => scope.Get<QuoteService>().SaveAsync(quoteId, new QuotePatch { Discount = 200m }, 1),
                ErrorCodes.QuoteConflictVersion, 409);
            await DealKit.FailsAsync(() => scope.Get<QuoteService>().SaveAsync(quoteId, new QuotePatch { Price = -5m }, 2),
                ErrorCodes.QuoteValidationFailed, 400);
        });

        Assert.Empty(changes);
    }

    [Fact]
    public async Task Adding_and_activating_a_quote_announce_the_deals_quote_list()
    {
        Data.Deals.DealResult deal;
        await using (var scope = _writer.Scope(_north.DealershipId, _north.Sales1Id))
            deal = await scope.NewDealAsync(Db, _north);
        var (dealId, dealNumber) = (deal.Deal.Id, deal.Deal.DealNumber);
        using var inbox = _reader.Subscribe(_north.DealershipId);
        QuoteView added = null!;

        var changes = await _reader.ChangesDuringAsync(inbox, _north.DealershipId, _north.Sales1Id, async () =>
        {
            await using var scope = _writer.Scope(_north.DealershipId, _north.Sales1Id);
            added = await scope.Get<QuoteService>().CreateAsync(dealId);
            await scope.Get<QuoteService>().ActivateAsync(added.Id);
        });

        Assert.Equal(2, changes.Count);
        Assert.All(changes, c =>
        {
            Assert.Equal((ChangeKinds.DealChanged, dealId), (c.Kind, c.Id));
            Assert.Equal((ChangeKeys.Aspects.Quotes, dealNumber, added.Id.ToString()), (c.Get(ChangeKeys.What), c.Get(ChangeKeys.DealNumber), c.Get(ChangeKeys.QuoteId)));
        });
    }
}
