using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Tenancy;
using DealDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DealDesk.Tests.Deals.Support;

/// <summary>Shared helpers of the deal and quick-quote tests: scopes, typed errors, rows (as superuser), invariants.</summary>
public static class DealKit
{
    public static T Get<T>(this AsyncServiceScope scope) where T : notnull => scope.ServiceProvider.GetRequiredService<T>();

    /// <summary>TestDatabase.CreateScope sets dealership and user only; a manager also needs IsManager.</summary>
    public static AsyncServiceScope AsManager(this AsyncServiceScope scope)
    {
        scope.Get<TenantContext>().IsManager = true;
        return scope;
    }

    /// <summary>Asserts a typed failure with this code and status and returns its error.</summary>
    public static async Task<AppError> FailsAsync(Func<Task> act, string code, int status)
    {
        var ex = await Assert.ThrowsAsync<DealDeskException>(act);
        Assert.True(ex.Error.Code == code, $"Expected {code}, got {ex.Error.Code}: {ex.Error.Message}");
        Assert.Equal(status, ex.Error.Status);
        return ex.Error;
    }

    /// <summary>Details["fields"] of a VALIDATION_FAILED error.</summary>
    public static IReadOnlyDictionary<string, string[]> Fields(AppError error)
    {
        Assert.NotNull(error.Details);
        Assert.True(error.Details.TryGetValue("fields", out var fields), "No 'fields' in the error details.");
        return Assert.IsAssignableFrom<IReadOnlyDictionary<string, string[]>>(fields);
    }

    public static object? Detail(AppError error, string key)
    {
        Assert.NotNull(error.Details);
        Assert.True(error.Details.TryGetValue(key, out var value), $"No '{key}' in the error details.");
        return value;
    }

    /// <summary>A fresh vehicle of <paramref name="dealershipId"/>, inserted as superuser.</summary>
    public static Task<Guid> AddVehicleAsync(TestDatabase db, Guid dealershipId, decimal price = 31_250m, string status = "available") =>
        db.ScalarAsync<Guid>(
            """
            INSERT INTO vehicles (dealership_id, vin, stock_number, year, make, model, trim, price, status)
            VALUES ($1, $2, $3, 2025, 'Testa', 'Model T', 'Base', $4, $5) RETURNING id
            """,
            dealershipId, Guid.NewGuid().ToString("N")[..17].ToUpperInvariant(), "T" + Guid.NewGuid().ToString("N")[..12], price, status);

    public static async Task<Guid[]> AddVehiclesAsync(TestDatabase db, Guid dealershipId, int count)
    {
        await using var c = await db.OpenSuperuserAsync();
        var ids = new Guid[count];
        for (var i = 0; i < count; i++)
            ids[i] = await Sql.ScalarAsync<Guid>(c,
                """
                INSERT INTO vehicles (dealership_id, vin, stock_number, year, make, model, price, status)
                VALUES ($1, $2, $3, 2024, 'Testa', 'Bulk', 25000, 'available') RETURNING id
                """,
                dealershipId, Guid.NewGuid().ToString("N")[..17].ToUpperInvariant(), "B" + Guid.NewGuid().ToString("N")[..12]);
        return ids;
    }

    /// <summary>A customer inserted as superuser, its phone stored exactly as given (older rows hold "(555) 123-4567").</summary>
    public static Task<Guid> AddCustomerAsync(TestDatabase db, Guid dealershipId, string first, string last, string? email = null, string? phone = null) =>
        db.ScalarAsync<Guid>(
            "INSERT INTO customers (dealership_id, first_name, last_name, email, phone) VALUES ($1, $2, $3, $4, $5) RETURNING id",
            dealershipId, first, last, (object?)email ?? DBNull.Value, (object?)phone ?? DBNull.Value);

    /// <summary>The demo customers of a dealership, in a stable order.</summary>
    public static async Task<Guid[]> CustomersAsync(TestDatabase db, Guid dealershipId)
    {
        await using var c = await db.OpenSuperuserAsync();
        return [.. await Sql.ListAsync(c, "SELECT id FROM customers WHERE dealership_id = $1 ORDER BY created_at, id", r => r.GetGuid(0), dealershipId)];
    }

    public static Task<string> VehicleStatusAsync(TestDatabase db, Guid vehicleId) =>
        db.ScalarAsync<string>("SELECT status FROM vehicles WHERE id = $1", vehicleId);

    public static Task<long> CountAsync(TestDatabase db, string sql, params object[] args) => db.ScalarAsync<long>(sql, args);

    /// <summary>The counter's last value for a dealership and local day (0 when no row).</summary>
    public static async Task<int> CounterAsync(TestDatabase db, Guid dealershipId, DateOnly day) =>
        await db.ScalarAsync<int?>("SELECT last_value FROM deal_number_counters WHERE dealership_id = $1 AND day = $2", dealershipId, day) ?? 0;

    /// <summary>DealInvariants as superuser (every dealership): all must hold.</summary>
    public static async Task AssertInvariantsAsync(TestDatabase db)
    {
        await using var c = await db.OpenSuperuserAsync();
        var results = await DealInvariants.CheckAsync(c);
        Assert.NotEmpty(results);
        var broken = results.Where(r => !r.Holds).Select(r => $"{r.Name}: {r.Violations} ({string.Join(", ", r.Samples)})").ToList();
        Assert.True(broken.Count == 0, "Invariants broken: " + string.Join("; ", broken));
    }

    /// <summary>A request that would succeed: an existing customer and (optionally) a vehicle.</summary>
    public static CreateDealRequest Request(Guid customerId, Guid? vehicleId = null, ScenarioInput? scenario = null) => new()
    {
        CustomerId = customerId.ToString(),
        VehicleId = vehicleId?.ToString(),
        Scenario = scenario,
    };

    public static NewCustomerData NewCustomer(string last = "Okafor", string first = "Mira") => new()
    {
        FirstName = first, LastName = last, Email = $"{first}.{last}@example.com".ToLowerInvariant(), Phone = "(555) 201-3344",
    };
}

/// <summary>An operation's result or its exception, for parallel runs where some are expected to fail.</summary>
public sealed record Outcome<T>(T? Value, Exception? Error)
{
    public bool Succeeded => Error is null;
    public string? Code => (Error as DealDeskException)?.Error.Code;
}

public static class Together
{
    /// <summary>
    /// Starts <paramref name="count"/> operations on the thread pool, holds them at a gate until all are
    /// running, then releases them at once, and collects every outcome.
    /// </summary>
    public static async Task<Outcome<T>[]> RunAsync<T>(int count, Func<int, Task<T>> operation, int timeoutSeconds = 60)
    {
        var go = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var allWaiting = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var waiting = 0;
        var tasks = Enumerable.Range(0, count).Select(i => Task.Run(async () =>
        {
            if (Interlocked.Increment(ref waiting) == count) allWaiting.TrySetResult();
            await go.Task;
            try
            {
                return new Outcome<T>(await operation(i), null);
            }
            catch (Exception e)
            {
                return new Outcome<T>(default, e);
            }
        })).ToArray();
        await allWaiting.Task.WaitAsync(TimeSpan.FromSeconds(timeoutSeconds));
        go.SetResult();
        return await Task.WhenAll(tasks).WaitAsync(TimeSpan.FromSeconds(timeoutSeconds));
    }
}

/// <summary>Every table's row count and content checksum, as superuser: "nothing written" means equal snapshots.</summary>
public sealed class DbSnapshot
{
    readonly SortedDictionary<string, string> _tables;

    DbSnapshot(SortedDictionary<string, string> tables) => _tables = tables;

    public IReadOnlyDictionary<string, string> Tables => _tables;

    public static async Task<DbSnapshot> TakeAsync(TestDatabase db)
    {
        await using var c = await db.OpenSuperuserAsync();
        var names = await Sql.ListAsync(c, "SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename", r => r.GetString(0));
        var tables = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var name in names)
        {
            var ident = "\"" + name.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
            tables[name] = await Sql.ScalarAsync<string>(c,
                $"SELECT count(*)::text || ' rows, md5 ' || coalesce(md5(string_agg(t::text, ',' ORDER BY t::text)), '-') FROM {ident} t");
        }
        Assert.Contains("deals", tables.Keys);
        Assert.Contains("deal_number_counters", tables.Keys);
        return new DbSnapshot(tables);
    }

    /// <summary>Asserts the database is exactly as in <paramref name="before"/>, naming the tables that differ.</summary>
    public async Task AssertUnchangedAsync(TestDatabase db)
    {
        var after = await TakeAsync(db);
        var changed = _tables.Keys.Union(after._tables.Keys)
            .Where(t => _tables.GetValueOrDefault(t) != after._tables.GetValueOrDefault(t))
            .Select(t => $"{t}: {_tables.GetValueOrDefault(t) ?? "(none)"} -> {after._tables.GetValueOrDefault(t) ?? "(none)"}")
            .ToList();
        Assert.True(changed.Count == 0, "Tables changed: " + string.Join("; ", changed));
    }
}
