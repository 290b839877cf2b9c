using System.Diagnostics;
using DealDesk.Data.Audit;
using DealDesk.Data.Deals;
using DealDesk.Data.Diagnostics;
using DealDesk.Data.Errors;
using DealDesk.Data.Tenancy;
using DealDesk.Data.Transactions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace DealDesk.Data.Quotes;

/// <summary>
/// The quote editor's writes. Every change to a quote row is one unit of work (<see cref="TransactionRunner"/>, READ
/// COMMITTED) that checks the version the client based it on and writes the row (version + 1, last modifier), its
/// lines, its history entry and its quote.saved notification together, or nothing.
/// <para>The check-and-write is the row's UPDATE itself (<c>… WHERE id = @id AND version = @expected</c>, EF's
/// concurrency token on <see cref="PricingScenario.Version"/>): of two saves based on the same version the second
/// waits for the first's row lock, then matches no row and fails with QUOTE_CONFLICT_VERSION, however the two
/// interleave. That is why READ COMMITTED suffices: the decision rests on the one row the UPDATE locks, not on a
/// snapshot, so SERIALIZABLE would only add aborts (40001) and retries for the same outcome. A version that is already
/// stale when the quote is read fails before anything is written.</para>
/// <para>Writes to the deal's list of quotes (create, duplicate, delete, activate, accept) lock the deal row first
/// (FOR UPDATE), always before the quote row, as deal actions do: quota and "not the active one" hold, and no two
/// units wait for each other in opposite order.</para>
/// </summary>
public sealed class QuoteService(TransactionRunner runner, IDbContextFactory<DealDeskDbContext> contexts, ITenantContext tenant,
    TimeProvider time, DealDeskMetrics metrics, QuoteThrottle throttle, ILogger<QuoteService> logger)
{
    /// <summary>
    /// The DealDesk meter's operation for a save (edit or rename): dealdesk.operation.duration with outcome "saved" or
    /// the error code. The transaction inside is counted by the runner as "quotes.save".
    /// </summary>
    public const string SaveOperation = "quote.save";
    public const int MaxNameLength = 60;

    /// <summary>
    /// A new DRAFT quote on the deal: the dealership's defaults (finance, the vehicle's price, or the active quote's on a
    /// deal without a vehicle, 60 months at its APR, its fee templates and first currency) with <paramref name="initial"/>
    /// applied, validated as any save.
    /// </summary>
    public Task<QuoteView> CreateAsync(Guid dealId, QuotePatch? initial = null, CancellationToken ct = default) =>
        MeasureAsync("quote.create", dealId, (actor, now) => runner.RunAsync("quotes.create", async (db, token) =>
        {
            var deal = await LockDealAsync(db, actor, dealId, token);
            var count = await EnsureRoomAsync(db, deal, token);
            var dealership = await db.Dealerships.AsNoTracking().SingleAsync(d => d.Id == actor.DealershipId, token);
            var vehicle = deal.VehicleId is { } v
                ? await db.Vehicles.AsNoTracking().Where(x => x.Id == v).Select(x => new { x.Price, x.Cost }).SingleAsync(token)
                : null;
            // A blank deal (no vehicle yet) prices new quotes like its active one.
            var price = vehicle?.Price ?? await db.PricingScenarios.Where(s => s.Id == deal.ActiveScenarioId).Select(s => (decimal?)s.Price).SingleOrDefaultAsync(token);
            var patch = initial ?? new QuotePatch();
            var input = QuoteDiff.Normalize(patch.ApplyTo(QuoteSetup.Defaults(dealership, price)));
            var rules = QuoteRecords.RulesOf(dealership);
            Validate(patch, input, rules, dealership, now);
            var name = patch.Name.IsSet ? patch.Name.Value!.Trim() : $"Scenario {count + 1}";
            var quote = QuoteSetup.Create(actor.DealershipId, deal.Id, name, input, QuoteCalculator.Compute(input, rules, vehicle?.Cost),
                rules, actor.UserId, now, patch.ExpiresAt.IsSet ? patch.ExpiresAt.Value : null);
            db.PricingScenarios.Add(quote);
            AuditTrail.Record(db, actor, "quote.created", "deal", deal.Id, new { quoteId = quote.Id, name }, now);
            await QuoteChanges.PublishAsync(db, token, QuoteChanges.ListChanged(actor, deal.Id, quote.Id, deal.DealNumber));
            await db.SaveChangesAsync(token);
            return QuoteViews.Of(quote, input, vehicle?.Cost, deal.DealNumber, deal.State, deal.ActiveScenarioId, await NameOfAsync(db, actor, token), now);
        }, ct), ct);

    /// <summary>
    /// Saves <paramref name="patch"/> onto the quote if it is still at <paramref name="expectedVersion"/>. Typed failures:
    /// QUOTE_CONFLICT_VERSION (409, retryable; details expectedVersion, actualVersion, modifiedBy, modifiedAt and the
    /// fields changed since), QUOTE_VALIDATION_FAILED / CURRENCY_INVALID / PRICING_VALIDATION_FAILED / ITEMS_INCONSISTENT
    /// (400), QUOTE_ALREADY_SENT / QUOTE_STATE_INVALID (409), 404/403. A patch that changes only the name is a rename
    /// (allowed in every state); any other change is an edit (a REJECTED or EXPIRED quote becomes a DRAFT again, an
    /// expired one with a new expiry). A patch that changes nothing writes nothing and returns the quote as it is.
    /// </summary>
    public Task<QuoteView> SaveAsync(Guid quoteId, QuotePatch patch, long expectedVersion, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(patch);
        return MeasureAsync(SaveOperation, quoteId, (actor, now) => runner.RunAsync("quotes.save", async (db, token) =>
        {
            var row = await LoadForWriteAsync(db, actor, quoteId, expectedVersion, token);
            var quote = row.Quote;
            var before = Snapshot(quote, row.Input(), now);
            var input = QuoteDiff.Normalize(patch.ApplyTo(before.Input));
            var name = patch.Name.IsSet ? patch.Name.Value?.Trim() ?? "" : quote.Name;
            var edited = QuoteDiff.Of(before, before with { Name = name, Input = input });
            var renews = patch.ExpiresInDays.IsSet || patch.ExpiresAt.IsSet;
            var renameOnly = edited.Keys.All(k => k == QuoteFields.Name) && !renews && patch.Expected is null;
            if (edited.Count == 0 && renameOnly) return row.View(now);

            var (state, expiresAt) = (quote.State, quote.ExpiresAt);
            QuoteFigures? figures = null;
            var rules = QuoteRecords.RulesOf(row.Dealership);
            if (renameOnly)
            {
                Validate(patch, null, null, row.Dealership, now);
            }
            else
            {
                state = QuoteStates.EnsureEditable(quote.State, now, quote.ExpiresAt);
                Validate(patch, input, rules, row.Dealership, now);
                if (patch.ExpiresAt.IsSet) expiresAt = patch.ExpiresAt.Value;
                else if (before.State == QuoteState.Expired || patch.ExpiresInDays.IsSet) expiresAt = QuoteStates.ExpiresAt(now, input.ExpiresInDays);
                figures = QuoteCalculator.Compute(input, rules, row.VehicleCost);
            }
            var changes = QuoteDiff.Of(before, new QuoteSnapshot(name, input, state, expiresAt));
            // Nothing to save (totals only checked, values re-sent unchanged): no new version. The tracked row is untouched until here.
            if (changes.Count == 0) return row.View(now);
            if (figures is not null) QuoteRecords.Write(quote, input, figures, rules);
            (quote.Name, quote.State, quote.ExpiresAt) = (name, state, expiresAt);
            await WriteVersionAsync(db, actor, row, expectedVersion, renameOnly ? QuoteHistoryAction.Renamed : QuoteHistoryAction.Edited,
                changes, input, now, token);
            return QuoteViews.Of(quote, input, row.VehicleCost, row.DealNumber, row.DealState, row.ActiveScenarioId, row.ActorName, now);
        }, ct), ct);
    }

    /// <summary>Renames the quote (any state): a save of the name alone.</summary>
    public Task<QuoteView> RenameAsync(Guid quoteId, string name, long expectedVersion, CancellationToken ct = default) =>
        SaveAsync(quoteId, new QuotePatch { Name = name }, expectedVersion, ct);

    /// <summary>
    /// Send (validated and re-priced with the dealership's current settings: the figures the customer sees), Accept (the
    /// quote becomes the deal's active one), Reject, Reopen (a REJECTED or EXPIRED quote back to DRAFT; an expired one
    /// valid <see cref="QuoteStates.DefaultExpiryDays"/> days from now) or Cancel, at <paramref name="expectedVersion"/>.
    /// Illegal moves are QUOTE_STATE_INVALID (409).
    /// </summary>
    public Task<QuoteView> TransitionAsync(Guid quoteId, QuoteAction action, long expectedVersion, CancellationToken ct = default)
    {
        if (action == QuoteAction.Edit) throw new ArgumentException("An edit is a save: use SaveAsync.", nameof(action));
        return MeasureAsync("quote.transition", quoteId, (actor, now) => runner.RunAsync("quotes.transition", async (db, token) =>
        {
            var row = await LoadForWriteAsync(db, actor, quoteId, expectedVersion, token);
            var quote = row.Quote;
            var input = row.Input();
            var before = Snapshot(quote, input, now);
            var next = QuoteStates.Transition(quote.State, action, now, quote.ExpiresAt);
            if (action == QuoteAction.Send)
            {
                var rules = QuoteRecords.RulesOf(row.Dealership);
                Validate(new QuotePatch(), input, rules, row.Dealership, now);
                QuoteRecords.Write(quote, input, QuoteCalculator.Compute(input, rules, row.VehicleCost), rules);
            }
            if (before.State == QuoteState.Expired && next == QuoteState.Draft) quote.ExpiresAt = QuoteStates.ExpiresAt(now);
            var activates = action == QuoteAction.Accept && row.ActiveScenarioId != quote.Id;
            var deal = activates ? await LockDealAsync(db, actor, quote.DealId, token) : null; // the deal row before the quote row
            quote.State = next;
            var changes = QuoteDiff.Of(before, new QuoteSnapshot(quote.Name, input, next, quote.ExpiresAt));
            await WriteVersionAsync(db, actor, row, expectedVersion, HistoryAction(action), changes, input, now, token);
            if (deal is not null)
            {
                deal.ActiveScenarioId = quote.Id;
                deal.UpdatedAt = now;
                AuditTrail.Record(db, actor, "quote.activated", "deal", deal.Id, new { quoteId = quote.Id, name = quote.Name, accepted = true }, now);
                await QuoteChanges.PublishAsync(db, token, QuoteChanges.ListChanged(actor, deal.Id, quote.Id, deal.DealNumber));
                await db.SaveChangesAsync(token);
            }
            return QuoteViews.Of(quote, input, row.VehicleCost, row.DealNumber, row.DealState, deal is null ? row.ActiveScenarioId : quote.Id,
                row.ActorName, now);
        }, ct), ct);
    }

    /// <summary>A DRAFT copy of the quote (any state) named "… (copy)", priced with the dealership's current settings.</summary>
    public Task<QuoteView> DuplicateAsync(Guid quoteId, CancellationToken ct = default) =>
        MeasureAsync("quote.duplicate", quoteId, (actor, now) => runner.RunAsync("quotes.duplicate", async (db, token) =>
        {
            var source = await LoadAsync(db, actor, quoteId, track: false, token);
            var deal = await LockDealAsync(db, actor, source.Quote.DealId, token);
            await EnsureRoomAsync(db, deal, token);
            var input = source.Input();
            var rules = QuoteRecords.RulesOf(source.Dealership);
            var name = CopyName(source.Quote.Name);
            // A copy of a quote that cannot be priced yet is still a copy: it says why on its first save.
            var quote = QuoteSetup.Create(actor.DealershipId, deal.Id, name, input,
                QuoteCalculator.Evaluate(input, rules, source.VehicleCost).Figures, rules, actor.UserId, now);
            db.PricingScenarios.Add(quote);
            AuditTrail.Record(db, actor, "quote.created", "deal", deal.Id, new { quoteId = quote.Id, name, duplicatedFrom = quoteId }, now);
            await QuoteChanges.PublishAsync(db, token, QuoteChanges.ListChanged(actor, deal.Id, quote.Id, deal.DealNumber));
            await db.SaveChangesAsync(token);
            return QuoteViews.Of(quote, input, source.VehicleCost, deal.DealNumber, deal.State, deal.ActiveScenarioId, source.ActorName, now);
        }, ct), ct);

    /// <summary>Deletes the quote with its lines and history (an audit entry on the deal remains). Not the active one, not a SENT or ACCEPTED one.</summary>
    public Task DeleteAsync(Guid quoteId, long expectedVersion, CancellationToken ct = default) =>
        MeasureAsync("quote.delete", quoteId, (actor, now) => runner.RunAsync("quotes.delete", async (db, token) =>
        {
            var row = await LoadAsync(db, actor, quoteId, track: false, token);
            var deal = await LockDealAsync(db, actor, row.Quote.DealId, token);
            if (row.Quote.Version != expectedVersion) throw await ConflictAsync(db, quoteId, expectedVersion, token);
            if (deal.ActiveScenarioId == quoteId) throw new DealDeskException(QuoteFailures.ActiveCannotBeDeleted());
            var state = QuoteStates.Effective(row.Quote.State, now, row.Quote.ExpiresAt);
            if (QuoteStates.IsLocked(state)) throw new DealDeskException(QuoteErrors.AlreadySent(state));
            var deleted = await db.PricingScenarios.Where(s => s.Id == quoteId && s.Version == expectedVersion).ExecuteDeleteAsync(token);
            if (deleted == 0) throw await ConflictAsync(db, quoteId, expectedVersion, token);
            AuditTrail.Record(db, actor, "quote.deleted", "deal", deal.Id, new { quoteId, name = row.Quote.Name, version = expectedVersion }, now);
            await QuoteChanges.PublishAsync(db, token, QuoteChanges.ListChanged(actor, deal.Id, quoteId, deal.DealNumber));
            return true;
        }, ct), ct);

    /// <summary>Makes the quote the deal's active one (any state but CANCELLED). The quote itself does not change (no new version).</summary>
    public Task<QuoteView> ActivateAsync(Guid quoteId, CancellationToken ct = default) =>
        MeasureAsync("quote.activate", quoteId, (actor, now) => runner.RunAsync("quotes.activate", async (db, token) =>
        {
            var row = await LoadAsync(db, actor, quoteId, track: false, token);
            var deal = await LockDealAsync(db, actor, row.Quote.DealId, token);
            if (QuoteStates.Effective(row.Quote.State, now, row.Quote.ExpiresAt) == QuoteState.Cancelled)
                throw new DealDeskException(QuoteFailures.CancelledCannotBeActive());
            if (deal.ActiveScenarioId != quoteId)
            {
                deal.ActiveScenarioId = quoteId;
                deal.UpdatedAt = now;
                AuditTrail.Record(db, actor, "quote.activated", "deal", deal.Id, new { quoteId, name = row.Quote.Name }, now);
                await QuoteChanges.PublishAsync(db, token, QuoteChanges.ListChanged(actor, deal.Id, quoteId, deal.DealNumber));
                await db.SaveChangesAsync(token);
            }
            return (row with { ActiveScenarioId = quoteId }).View(now);
        }, ct), ct);

    /// <summary>
    /// The version check and write shared by saves and transitions: quote.saved (PostgreSQL delivers it only on commit,
    /// so it can go first), then the row's UPDATE (version + 1, last modifier) with EF's check on the original version
    /// and the history row, batched in one round trip. From the UPDATE to the commit every other save of this quote
    /// waits on the row lock, so that stretch is two round trips (three when lines change: their old rows go first).
    /// </summary>
    async Task WriteVersionAsync(DealDeskDbContext db, Actor actor, QuoteRow row, long expectedVersion, string action,
        IReadOnlyDictionary<string, (object? From, object? To)> changes, QuoteInput input, DateTimeOffset now, CancellationToken ct)
    {
        var quote = row.Quote;
        quote.Version = expectedVersion + 1;
        quote.LastModifiedBy = actor.UserId;
        quote.LastModifiedAt = now;
        quote.UpdatedAt = now;
        await QuoteChanges.PublishAsync(db, ct, QuoteChanges.Saved(actor, quote, changes.Keys));
        var kinds = LineKinds(changes.Keys);
        if (kinds.Count > 0)
        {
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateConcurrencyException)
            {
                // Someone committed a save between our read and our UPDATE (which waited for their lock, then matched no row).
                throw await ConflictAsync(db, quote.Id, expectedVersion, ct);
            }
            await db.QuoteLines.Where(l => l.QuoteId == quote.Id && kinds.Contains(l.Kind)).ExecuteDeleteAsync(ct);
            db.QuoteLines.AddRange(QuoteRecords.LinesOf(quote.DealershipId, quote.Id, input, kinds));
        }
        db.QuoteHistory.Add(new QuoteHistoryEntry
        {
            DealershipId = quote.DealershipId, QuoteId = quote.Id, Version = quote.Version, Action = action, UserId = actor.UserId,
            ChangedAt = now, Changes = QuoteDiff.ToJson(changes),
        });
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex is DbUpdateConcurrencyException || LostRace(ex))
        {
            // The batch lost the race after our read: its UPDATE matched no row and its history row's version was taken
            // (or the quote deleted). That failed statement aborted this transaction, so the winner is read outside it.
            await using var fresh = await contexts.OpenAsync(ct);
            throw await ConflictAsync(fresh, quote.Id, expectedVersion, ct);
        }
    }

    /// <summary>The history key (quote, version) already taken, or the quote gone: another writer won.</summary>
    static bool LostRace(DbUpdateException ex) => ex.InnerException is Npgsql.PostgresException pg
        && ((pg.SqlState == "23505" && pg.ConstraintName == "PK_quote_history")
            || (pg.SqlState == "23503" && pg.ConstraintName == "FK_quote_history_pricing_scenarios_dealership_id_quote_id"));

    /// <summary>The quote, tracked, on an open deal, at the expected version (else QUOTE_CONFLICT_VERSION without writing).</summary>
    static async Task<QuoteRow> LoadForWriteAsync(DealDeskDbContext db, Actor actor, Guid quoteId, long expectedVersion, CancellationToken ct)
    {
        // EF would wrap each SaveChanges in SAVEPOINT … RELEASE: two more round trips each, some while the row lock is
        // held. Not needed: any failure abandons the whole unit, and a lost version race fails no statement.
        db.Database.AutoSavepointsEnabled = false;
        var row = await LoadAsync(db, actor, quoteId, track: true, ct);
        if (!DealState.IsOpen(row.DealState)) throw new DealDeskException(QuoteFailures.DealClosed(row.DealNumber, row.DealState));
        if (row.Quote.Version != expectedVersion) throw await ConflictAsync(db, quoteId, expectedVersion, ct);
        return row;
    }

    static async Task<QuoteRow> LoadAsync(DealDeskDbContext db, Actor actor, Guid quoteId, bool track, CancellationToken ct) =>
        await QuoteRow.LoadAsync(db, actor.DealershipId, quoteId, track, ct, actor.UserId)
        ?? throw await Ownership.MissingAsync(db, "pricing_scenarios", "Quote", quoteId, ct);

    /// <summary>The open deal, row-locked until commit (FOR UPDATE), tracked.</summary>
    static async Task<Deal> LockDealAsync(DealDeskDbContext db, Actor actor, Guid dealId, CancellationToken ct)
    {
        var deal = (await db.Deals.FromSql($"SELECT * FROM deals WHERE id = {dealId} AND dealership_id = {actor.DealershipId} FOR UPDATE")
                .ToListAsync(ct)).SingleOrDefault()
            ?? throw await Ownership.MissingAsync(db, "deals", "Deal", dealId, ct);
        if (!DealState.IsOpen(deal.State)) throw new DealDeskException(QuoteFailures.DealClosed(deal.DealNumber, deal.State));
        return deal;
    }

    /// <summary>The deal's quote count, or QUOTA_EXCEEDED when it has the most it may have (exact: the deal row is locked).</summary>
    static async Task<int> EnsureRoomAsync(DealDeskDbContext db, Deal deal, CancellationToken ct)
    {
        var count = await db.PricingScenarios.CountAsync(s => s.DealId == deal.Id, ct);
        if (count >= QuoteFailures.MaxQuotesPerDeal) throw new DealDeskException(QuoteFailures.QuotaExceeded(QuoteFailures.MaxQuotesPerDeal));
        return count;
    }

    /// <summary>
    /// QUOTE_CONFLICT_VERSION with who saved last, when, and every field changed after the client's version (from the
    /// history entries above it). Read in the failing unit: READ COMMITTED shows the winner's committed row and history.
    /// </summary>
    static async Task<DealDeskException> ConflictAsync(DealDeskDbContext db, Guid quoteId, long expectedVersion, CancellationToken ct)
    {
        var current = await (
                from s in db.PricingScenarios.AsNoTracking().Where(s => s.Id == quoteId)
                from u in db.Users.Where(u => u.Id == s.LastModifiedBy).DefaultIfEmpty()
                select new { s.Version, s.LastModifiedAt, Name = u == null ? null : u.DisplayName })
            .SingleOrDefaultAsync(ct);
        if (current is null) return new DealDeskException(AppError.NotFound("Quote", quoteId)); // deleted meanwhile
        var fields = await db.Database
            .SqlQuery<string>($"SELECT DISTINCT jsonb_object_keys(changes) AS \"Value\" FROM quote_history WHERE quote_id = {quoteId} AND version > {expectedVersion}")
            .ToListAsync(ct);
        return new DealDeskException(QuoteErrors.ConflictVersion(expectedVersion, current.Version, current.Name, current.LastModifiedAt,
            QuoteFields.Ordered(fields)));
    }

    /// <summary>
    /// The patch's own rules (name, term and APR never cleared) and, for <paramref name="input"/>, every rule of
    /// <see cref="QuoteValidator"/> with the dealership's settings: one typed error listing every field at fault.
    /// </summary>
    static void Validate(QuotePatch patch, QuoteInput? input, QuoteTaxRules? rules, Dealership dealership, DateTimeOffset now)
    {
        var fields = new Dictionary<string, string[]>();
        if (patch.Name.IsSet && string.IsNullOrWhiteSpace(patch.Name.Value)) fields[QuoteFields.Name] = ["Enter a name for the quote."];
        else if (patch.Name.IsSet && patch.Name.Value!.Trim().Length > MaxNameLength)
            fields[QuoteFields.Name] = [$"The name can have at most {MaxNameLength} characters."];
        if (patch.TermMonths.IsSet && patch.TermMonths.Value is null)
            fields[QuoteFields.TermMonths] = ["Enter the term (a cash or lease quote keeps one for switching to finance)."];
        if (patch.Apr.IsSet && patch.Apr.Value is null)
            fields[QuoteFields.Apr] = ["Enter the APR (a cash or lease quote keeps one for switching to finance)."];
        if (patch.ExpiresAt.IsSet && (patch.ExpiresAt.Value < now.AddDays(QuoteStates.MinExpiryDays) || patch.ExpiresAt.Value > now.AddDays(QuoteStates.MaxExpiryDays)))
            fields[QuoteFields.ExpiresAt] = [$"A quote is valid for {QuoteStates.MinExpiryDays} to {QuoteStates.MaxExpiryDays} days from now."];
        if (input is null || rules is null)
        {
            if (fields.Count > 0) throw new DealDeskException(QuoteErrors.Validation(fields));
            return;
        }
        var result = QuoteValidators.For(rules, dealership.AllowedCurrencies).Validate(input);
        if (fields.Count == 0)
        {
            if (!result.IsValid) throw new DealDeskException(QuoteErrors.FromValidation(result));
            return;
        }
        foreach (var group in result.Errors.GroupBy(e => Errors.Validation.CamelPath(e.PropertyName)))
            fields[group.Key] = [.. group.Select(e => e.ErrorMessage).Distinct()];
        throw new DealDeskException(QuoteErrors.Validation(fields));
    }

    static QuoteSnapshot Snapshot(PricingScenario quote, QuoteInput input, DateTimeOffset now) =>
        new(quote.Name, input, QuoteStates.Effective(quote.State, now, quote.ExpiresAt), quote.ExpiresAt);

    static HashSet<string> LineKinds(IEnumerable<string> fields) =>
    [
        .. fields.Select(f => f switch
        {
            QuoteFields.Rebates => QuoteLineKind.Rebate,
            QuoteFields.TradeIns => QuoteLineKind.TradeIn,
            QuoteFields.Products => QuoteLineKind.Product,
            QuoteFields.Fees => QuoteLineKind.Fee,
            _ => null,
        }).OfType<string>(),
    ];

    static string HistoryAction(QuoteAction action) => action switch
    {
        QuoteAction.Send => QuoteHistoryAction.Sent,
        QuoteAction.Accept => QuoteHistoryAction.Accepted,
        QuoteAction.Reject => QuoteHistoryAction.Rejected,
        QuoteAction.Reopen => QuoteHistoryAction.Reopened,
        QuoteAction.Cancel => QuoteHistoryAction.Cancelled,
        _ => throw new ArgumentOutOfRangeException(nameof(action), action, null),
    };

    static string CopyName(string name)
    {
        const string suffix = " (copy)";
        return (name.Length + suffix.Length > MaxNameLength ? name[..(MaxNameLength - suffix.Length)].TrimEnd() : name) + suffix;
    }

    /// <summary>PostgreSQL keeps microseconds: a view returned by a write then equals the same quote read back.</summary>
    static DateTimeOffset Microseconds(DateTimeOffset t) => t.AddTicks(-(t.Ticks % 10));

    static Task<string?> NameOfAsync(DealDeskDbContext db, Actor actor, CancellationToken ct) =>
        db.Users.Where(u => u.Id == actor.UserId).Select(u => (string?)u.DisplayName).SingleOrDefaultAsync(ct);

    /// <summary>
    /// Runs a write for the signed-in user, maps untyped write failures onto the taxonomy (<see cref="QuoteFailures.Classify"/>),
    /// and records its duration and outcome in the DealDesk meter and the log (with the request's correlation id, which
    /// the web host puts on every log line of the request).
    /// </summary>
    async Task<T> MeasureAsync<T>(string operation, Guid id, Func<Actor, DateTimeOffset, Task<T>> write, CancellationToken ct)
    {
        var actor = Actor.From(tenant);
        var started = Stopwatch.GetTimestamp();
        var outcome = "failed";
        long? version = null;
        Exception? failure = null;
        try
        {
            var result = await throttle.RunAsync(() => write(actor, Microseconds(time.GetUtcNow())), ct);
            (outcome, version) = ("saved", (result as QuoteView)?.Version);
            return result;
        }
        catch (DealDeskException ex)
        {
            outcome = ex.Error.Code;
            throw;
        }
        catch (Exception ex) when (QuoteFailures.Classify(ex) is { } error)
        {
            (outcome, failure) = (error.Code, ex);
            throw new DealDeskException(error, ex);
        }
        catch (OperationCanceledException)
        {
            outcome = "cancelled";
            throw;
        }
        catch (Exception ex)
        {
            (outcome, failure) = (ErrorCodes.InternalError, ex);
            throw;
        }
        finally
        {
            var ms = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
            metrics.Duration(operation, ms, outcome);
            if (failure is not null)
                logger.LogError(failure, "{Operation} {Id} failed: {Outcome} after {ElapsedMs:0.0} ms", operation, id, outcome, ms);
            else
                logger.LogInformation("{Operation} {Id}: {Outcome} in {ElapsedMs:0.0} ms (version {Version})", operation, id, outcome, ms, version);
        }
    }
}
