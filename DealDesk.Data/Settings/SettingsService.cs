using DealDesk.Data.Audit;
using DealDesk.Data.Errors;
using DealDesk.Data.Tenancy;
using DealDesk.Data.Transactions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Settings;

/// <summary>
/// The dealership's settings, managers only. Nothing caches them: deal creation, the quote editor and
/// quick quotes read the dealership row per use, so a saved change applies to the next new quote.
/// </summary>
public sealed class SettingsService(
    TransactionRunner runner,
    IDbContextFactory<DealDeskDbContext> contexts,
    ITenantContext tenant,
    IValidator<DealershipSettings> validator,
    TimeProvider time)
{
    public async Task<DealershipSettings> GetAsync(CancellationToken ct = default)
    {
        var actor = RequireManager();
        await using var db = await contexts.OpenAsync(ct);
        return DealershipSettings.From(await db.Dealerships.AsNoTracking().SingleAsync(d => d.Id == actor.DealershipId, ct));
    }

    /// <returns>The settings as saved and what changed (empty when nothing did; then nothing is written).</returns>
    public async Task<(DealershipSettings Settings, IReadOnlyList<SettingChange> Changes)> SaveAsync(DealershipSettings settings,
        CancellationToken ct = default)
    {
        validator.ThrowIfInvalid(settings);
        var actor = RequireManager();
        return await runner.RunAsync("settings.save", async (db, token) =>
        {
            // FOR UPDATE: two managers saving at once are audited one after the other, each from what the other saved.
            var dealership = await db.Dealerships.FromSql($"SELECT * FROM dealerships WHERE id = {actor.DealershipId} FOR UPDATE")
                .SingleAsync(token);
            var before = DealershipSettings.From(dealership);
            settings.ApplyTo(dealership);
            var after = DealershipSettings.From(dealership);
            var changes = SettingsChanges.Between(before, after);
            if (changes.Count == 0)
            {
                db.Entry(dealership).State = EntityState.Unchanged; // same settings (e.g. the doc fee now also a template): no write
                return (after, changes);
            }
            AuditTrail.Record(db, actor, "settings.changed", "dealership", dealership.Id,
                new { changes = changes.ToDictionary(c => c.Field, c => new { from = c.From, to = c.To }) }, time.GetUtcNow(),
                "Changed " + string.Join("; ", changes.Select(c => $"{c.Label} from {c.From} to {c.To}")));
            return (after, changes);
        }, ct);
    }

    private Actor RequireManager()
    {
        var actor = Actor.From(tenant);
        return actor.IsManager ? actor
            : throw new DealDeskException(new AppError(ErrorCodes.Forbidden, 403, "Only a manager can change the dealership's settings.", ErrorSeverity.Error));
    }
}
