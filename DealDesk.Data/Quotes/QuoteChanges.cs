using DealDesk.Data.Deals;
using DealDesk.Data.Notifications;
using DealDesk.Data.Tenancy;

namespace DealDesk.Data.Quotes;

/// <summary>What quote writes announce, inside their unit of work (so only committed writes are heard).</summary>
internal static class QuoteChanges
{
    /// <summary>
    /// quote.saved: id the quote; data dealId, version, fields (comma-separated <see cref="QuoteFields"/> names) and by (the
    /// user's id: no names in notifications, subscribers re-read the quote and get the name there).
    /// </summary>
    public static Change Saved(Actor actor, PricingScenario quote, IEnumerable<string> fields) =>
        new(actor.DealershipId, ChangeKinds.QuoteSaved, quote.Id, new Dictionary<string, string?>
        {
            [ChangeKeys.DealId] = quote.DealId.ToString(),
            [ChangeKeys.Version] = quote.Version.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [ChangeKeys.Fields] = string.Join(',', QuoteFields.Ordered(fields)),
            [ChangeKeys.By] = actor.UserId.ToString(),
        }, actor.UserId);

    /// <summary>deal.changed (what = quotes): a quote of the deal was added, deleted or made active.</summary>
    public static Change ListChanged(Actor actor, Guid dealId, Guid quoteId, string dealNumber) =>
        new(actor.DealershipId, ChangeKinds.DealChanged, dealId, new Dictionary<string, string?>
        {
            [ChangeKeys.What] = ChangeKeys.Aspects.Quotes,
            [ChangeKeys.DealNumber] = dealNumber,
            [ChangeKeys.QuoteId] = quoteId.ToString(),
        }, actor.UserId);

    public static Task PublishAsync(DealDeskDbContext db, CancellationToken ct, params Change[] changes) => ChangePublisher.PublishAsync(db, changes, ct);
}
