using System.Linq.Expressions;
using DealDesk.Data.Deals;
using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Quotes;

/// <summary>
/// A quote with what its reads and writes need around it, in one query: the scenario with its lines, its deal, its
/// dealership (settings), the deal's vehicle (cost), the last modifier's name and the acting user's name.
/// </summary>
internal sealed record QuoteRow(
    PricingScenario Quote, IReadOnlyList<QuoteLine> Lines, string DealNumber, string DealState, Guid? ActiveScenarioId,
    decimal? VehicleCost, Dealership Dealership, string? LastModifiedByName, string? ActorName)
{
    public QuoteInput Input() => QuoteRecords.InputOf(Quote, Lines);

    /// <summary>
    /// The dealership's quote, or null when it is not visible (row-level security hides other dealerships' rows). With
    /// <paramref name="track"/> the scenario is tracked, so a write can change it and save with its version check.
    /// </summary>
    public static async Task<QuoteRow?> LoadAsync(DealDeskDbContext db, Guid dealershipId, Guid quoteId, bool track, CancellationToken ct,
        Guid? actorId = null) =>
        (await LoadAsync(db, dealershipId, s => s.Id == quoteId, track, ct, actorId)).SingleOrDefault();

    /// <summary>
    /// The dealership's quotes matching <paramref name="which"/>, oldest first, untracked unless <paramref name="track"/>
    /// (the lines never are: a save replaces them by key).
    /// </summary>
    public static async Task<List<QuoteRow>> LoadAsync(DealDeskDbContext db, Guid dealershipId, Expression<Func<PricingScenario, bool>> which,
        bool track, CancellationToken ct, Guid? actorId = null)
    {
        var scenarios = track ? db.PricingScenarios : db.PricingScenarios.AsNoTracking();
        var me = actorId ?? Guid.Empty;
        var rows = await (
                from s in scenarios.Where(s => s.DealershipId == dealershipId).Where(which)
                join d in db.Deals on s.DealId equals d.Id
                join dl in db.Dealerships on s.DealershipId equals dl.Id
                from v in db.Vehicles.Where(v => v.Id == d.VehicleId).DefaultIfEmpty()
                from u in db.Users.Where(u => u.Id == s.LastModifiedBy).DefaultIfEmpty()
                from a in db.Users.Where(a => a.Id == me).DefaultIfEmpty()
                orderby s.CreatedAt, s.Id
                select new
                {
                    s, d.DealNumber, d.State, d.ActiveScenarioId, Cost = v == null ? null : v.Cost, dl,
                    Name = u == null ? null : u.DisplayName, Me = a == null ? null : a.DisplayName,
                    // Projected, not materialized as entities: never tracked.
                    Lines = db.QuoteLines.Where(l => l.QuoteId == s.Id).Select(l => new QuoteLine
                    {
                        DealershipId = l.DealershipId, QuoteId = l.QuoteId, Kind = l.Kind, Position = l.Position, Name = l.Name, Amount = l.Amount,
                        Taxable = l.Taxable, Payoff = l.Payoff, Vin = l.Vin, Year = l.Year, Make = l.Make, Model = l.Model,
                    }).ToList(),
                })
            .ToListAsync(ct);
        return [.. rows.Select(r => new QuoteRow(r.s, [.. r.Lines.OrderBy(l => l.Kind).ThenBy(l => l.Position)], r.DealNumber, r.State,
            r.ActiveScenarioId, r.Cost, r.dl, r.Name, r.Me))];
    }

    public static async Task<List<QuoteLine>> LinesAsync(DealDeskDbContext db, Guid quoteId, CancellationToken ct) =>
        await db.QuoteLines.AsNoTracking().Where(l => l.QuoteId == quoteId).OrderBy(l => l.Kind).ThenBy(l => l.Position).ToListAsync(ct);

    /// <summary>The view of this row as of <paramref name="now"/>.</summary>
    public QuoteView View(DateTimeOffset now) => QuoteViews.Of(Quote, Input(), VehicleCost, DealNumber, DealState, ActiveScenarioId, LastModifiedByName, now);
}

internal static class QuoteViews
{
    public static QuoteView Of(PricingScenario s, QuoteInput input, decimal? vehicleCost, string dealNumber, string dealState,
        Guid? activeScenarioId, string? lastModifiedByName, DateTimeOffset now)
    {
        var state = QuoteStates.Effective(s.State, now, s.ExpiresAt);
        var open = DealState.IsOpen(dealState);
        var active = activeScenarioId == s.Id;
        return new QuoteView
        {
            Id = s.Id, DealId = s.DealId, DealNumber = dealNumber, Name = s.Name, IsActive = active, State = state, Version = s.Version,
            Currency = s.Currency, ExpiresAt = s.ExpiresAt, Input = input, Figures = QuoteRecords.FiguresOf(s, input, vehicleCost),
            AllowedActions = open ? QuoteStates.AllowedActions(s.State, now, s.ExpiresAt) : [],
            CanDelete = open && !active && !QuoteStates.IsLocked(state),
            CanActivate = open && !active && state != QuoteState.Cancelled,
            LastModifiedById = s.LastModifiedBy, LastModifiedBy = lastModifiedByName, LastModifiedAt = s.LastModifiedAt, CreatedAt = s.CreatedAt,
        };
    }
}
