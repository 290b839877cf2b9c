using DealDesk.Data.Audit;
using DealDesk.Data.Errors;
using DealDesk.Data.Notifications;
using DealDesk.Data.Tenancy;
using DealDesk.Data.Transactions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Npgsql;

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
        // Tracked, not AsNoTracking: the lead settings are shadow properties, read from the entry.
        return DealershipSettings.From(db, await db.Dealerships.SingleAsync(d => d.Id == actor.DealershipId, ct));
    }

    /// <returns>The settings as saved and what changed (empty when nothing did; then nothing is written).</returns>
    public async Task<(DealershipSettings Settings, IReadOnlyList<SettingChange> Changes)> SaveAsync(DealershipSettings settings,
        CancellationToken ct = default)
    {
        validator.ThrowIfInvalid(settings);
        var actor = RequireManager();
        try
        {
            return await SaveCheckedAsync(settings, actor, ct);
        }
        catch (DbUpdateException ex) when (ex.InnerException is PostgresException { SqlState: "23505", ConstraintName: var c }
            && c?.Contains("whatsapp_phone_number_id", StringComparison.Ordinal) == true)
        {
            // Another dealership (invisible here under RLS) has the number: only the unique index can tell.
            throw SettingsErrors.WhatsAppNumberTaken();
        }
    }

    private async Task<(DealershipSettings Settings, IReadOnlyList<SettingChange> Changes)> SaveCheckedAsync(DealershipSettings settings,
        Actor actor, CancellationToken ct)
    {
        return await runner.RunAsync("settings.save", async (db, token) =>
        {
            // FOR UPDATE: two managers saving at once are audited one after the other, each from what the other saved.
            var dealership = await db.Dealerships.FromSql($"SELECT * FROM dealerships WHERE id = {actor.DealershipId} FOR UPDATE")
                .SingleAsync(token);
            var before = DealershipSettings.From(db, dealership);
            settings.ApplyTo(db, dealership);
            var after = DealershipSettings.From(db, dealership);
            var changes = SettingsChanges.Between(before, after);
            if (changes.Count == 0)
            {
                db.Entry(dealership).State = EntityState.Unchanged; // same settings (e.g. the doc fee now also a template): no write
                return (after, changes);
            }
            AuditTrail.Record(db, actor, "settings.changed", "dealership", dealership.Id,
                new { changes = changes.ToDictionary(c => c.Field, c => new { from = c.From, to = c.To }) }, time.GetUtcNow(),
                "Changed " + string.Join("; ", changes.Select(c => $"{c.Label} from {c.From} to {c.To}")));
            // Open pages show the dealership's name and read phones in its country: they hear the committed change and re-read.
            await ChangePublisher.PublishAsync(db, new Change(dealership.Id, ChangeKinds.SettingsChanged, dealership.Id,
                new Dictionary<string, string?> { [ChangeKeys.Fields] = string.Join(',', changes.Select(c => c.Field)) }, actor.UserId), token);
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
