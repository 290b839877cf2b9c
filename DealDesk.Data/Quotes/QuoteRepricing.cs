using DealDesk.Data.Deals;
using DealDesk.Data.Inventory;
using DealDesk.Data.Notifications;
using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Quotes;

/// <summary>Deal actions that change what a quote is priced on (the vehicle) save it as a new version.</summary>
internal static class QuoteRepricing
{
    /// <summary>
    /// After a vehicle is attached or swapped: the deal's active quote takes the vehicle's price (and cost, for front
    /// gross) as a new version with a "repriced" history entry and quote.saved, inside the deal action's unit. Only a
    /// DRAFT follows the vehicle: a SENT or ACCEPTED quote keeps what the customer saw, a REJECTED, EXPIRED or CANCELLED
    /// one is revised by hand. Not validated (a vehicle swap is not refused for the quote's sake); EF's version check
    /// makes a concurrent quote save and this one conflict rather than overwrite each other. Returns the quote.saved
    /// change for the deal action to publish with its own (one round trip under the dealership's lock), or null.
    /// </summary>
    public static async Task<Change?> VehicleChangedAsync(DealDeskDbContext db, Actor actor, Deal deal, Vehicle vehicle, DateTimeOffset now,
        CancellationToken ct)
    {
        if (deal.ActiveScenarioId is not { } id) return null;
        var quote = await db.PricingScenarios.SingleAsync(s => s.Id == id, ct);
        if (QuoteStates.Effective(quote.State, now, quote.ExpiresAt) != QuoteState.Draft) return null;
        var before = QuoteRecords.InputOf(quote, await QuoteRow.LinesAsync(db, id, ct));
        var input = before with { Price = vehicle.Price };
        var dealership = await db.Dealerships.AsNoTracking().SingleAsync(d => d.Id == actor.DealershipId, ct);
        var rules = QuoteRecords.RulesOf(dealership);
        var changes = QuoteDiff.Of(new QuoteSnapshot(quote.Name, before, quote.State, quote.ExpiresAt),
            new QuoteSnapshot(quote.Name, input, quote.State, quote.ExpiresAt));
        QuoteRecords.Write(quote, input, QuoteCalculator.Evaluate(input, rules, vehicle.Cost).Figures, rules);
        quote.Version++;
        (quote.LastModifiedBy, quote.LastModifiedAt, quote.UpdatedAt) = (actor.UserId, now, now);
        db.QuoteHistory.Add(new QuoteHistoryEntry
        {
            DealershipId = quote.DealershipId, QuoteId = quote.Id, Version = quote.Version, Action = QuoteHistoryAction.Repriced,
            UserId = actor.UserId, ChangedAt = now, Changes = QuoteDiff.ToJson(changes),
        });
        return QuoteChanges.Saved(actor, quote, changes.Keys);
    }
}
