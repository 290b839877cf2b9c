using System.Diagnostics;
using DealDesk.Data.Customers;
using DealDesk.Data.Inventory;
using DealDesk.Data.Tenancy;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DealDesk.Bench.Records;

/// <summary>One measured read: what the page asks, at which dealership, and how long it took.</summary>
public sealed record RecordsResult(string Read, RecordsDealership Dealership, LatencyStats Latency, double AverageMatches);

/// <summary>
/// The reads a salesperson's screens make, timed at the largest and at the median dealership of
/// <see cref="RecordsData"/>: the calls the interactive pages make in their circuits (a Blazor Server page calls its
/// service in-process, so there is no HTTP hop to add): the inventory grid (page 1 and page 500 by price), the
/// customer list searched by name and by phone digits, the deal dialog's customer type-ahead, and the vehicle page.
/// One caller, one call at a time: the latency a user sees on a quiet system, not under load. Each read runs a
/// warm-up (plans cached, pages in memory, as on a system in use), then <see cref="Calls"/> timed calls with
/// varied inputs drawn from the dealership's own records.
/// </summary>
public sealed class RecordsLoad(BenchDatabase database, int calls)
{
    public int Calls { get; } = calls;
    const int Warmup = 20;

    public async Task<IReadOnlyList<RecordsResult>> RunAsync(Action<string> log, CancellationToken ct)
    {
        var stores = await RecordsData.SeedAsync(database, log, ct);
        await using var services = database.CreateServices();
        var results = new List<RecordsResult>();
        foreach (var store in new[] { stores[0], stores[stores.Count / 2 - 1] })
        {
            log($"records level: {store.Tenant.Name} ({store.Vehicles:N0} vehicles, {store.Customers:N0} customers)");
            var sample = await SampleAsync(store, ct);
            await using var scope = services.CreateAsyncScope();
            var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
            tenant.DealershipId = store.Tenant.DealershipId;
            tenant.UserId = store.Tenant.SalesUserId;
            tenant.IsManager = false;
            var inventory = scope.ServiceProvider.GetRequiredService<InventoryService>();
            var vehicles = scope.ServiceProvider.GetRequiredService<VehicleQueries>();
            var customers = scope.ServiceProvider.GetRequiredService<CustomerQueries>();
            var lastPage = (store.Vehicles + 14) / 15;

            async Task Measure(string read, Func<int, Task<int>> call)
            {
                for (var i = 0; i < Warmup; i++) await call(i);
                var times = new double[Calls];
                var matches = 0L;
                for (var i = 0; i < Calls; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    matches += await call(Warmup + i);
                    times[i] = Stopwatch.GetElapsedTime(started).TotalMilliseconds;
                }
                results.Add(new RecordsResult(read, store, LatencyStats.From(times), (double)matches / Calls));
            }

            await Measure("inventory grid, page 1 by price", async i =>
                (await inventory.SearchAsync(new VehicleSearch(Page: 1, Sort: VehicleSort.Price, Descending: i % 2 == 1), ct)).Total);
            if (lastPage >= 500)
                await Measure("inventory grid, page 500 by price", async i =>
                    (await inventory.SearchAsync(new VehicleSearch(Page: 500, Sort: VehicleSort.Price, Descending: i % 2 == 1), ct)).Total);
            await Measure("inventory grid, last page by price", async i =>
                (await inventory.SearchAsync(new VehicleSearch(Page: lastPage, Sort: VehicleSort.Price, Descending: i % 2 == 1), ct)).Total);
            await Measure("customer list, search by name", async i =>
                (await customers.ListAsync(new CustomerSearch(sample.NameQuery(i)), ct)).Total);
            await Measure("customer list, search by phone digits", async i =>
                (await customers.ListAsync(new CustomerSearch(sample.PhoneQuery(i)), ct)).Total);
            await Measure("deal dialog type-ahead, name", async i => (await customers.SearchAsync(sample.NameQuery(i), 10, ct)).Count);
            await Measure("deal dialog type-ahead, phone digits", async i => (await customers.SearchAsync(sample.PhoneQuery(i), 10, ct)).Count);
            await Measure("vehicle page", async i => (await vehicles.GetDetailsAsync(sample.VehicleIds[i % sample.VehicleIds.Count], ct)).Deals.Count + 1);
        }
        return results;
    }

    /// <summary>Search inputs taken from the dealership's own records, as a salesperson would type them.</summary>
    sealed record Sample(IReadOnlyList<(string First, string Last)> Names, IReadOnlyList<string> Phones, IReadOnlyList<Guid> VehicleIds)
    {
        /// <summary>A surname ("Garcia"), a full name ("Maria Garcia"), a surname's first letters ("Garc"), a first name.</summary>
        public string NameQuery(int i)
        {
            var (first, last) = Names[i % Names.Count];
            return (i % 4) switch { 0 => last, 1 => $"{first} {last}", 2 => last[..Math.Min(4, last.Length)], _ => first };
        }

        /// <summary>The last 7 digits ("6152028"), the 10 digits as typed with punctuation ("(555) 615-2028"), the last 4 ("2028").</summary>
        public string PhoneQuery(int i)
        {
            var digits = Phones[i % Phones.Count][2..]; // +1 5556152028
            return (i % 3) switch { 0 => digits[3..], 1 => $"({digits[..3]}) {digits[3..6]}-{digits[6..]}", _ => digits[6..] };
        }
    }

    async Task<Sample> SampleAsync(RecordsDealership store, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database.SuperuserConnectionStringFor(database.DatabaseName)) { Pooling = false }.ConnectionString);
        await c.OpenAsync(ct);
        var names = new List<(string, string)>();
        var phones = new List<string>();
        await using (var cmd = new NpgsqlCommand("SELECT first_name, last_name, phone FROM customers WHERE dealership_id = $1 ORDER BY md5(id::text) LIMIT 500", c)
        { Parameters = { new() { Value = store.Tenant.DealershipId } } })
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct))
            {
                names.Add((r.GetString(0), r.GetString(1)));
                phones.Add(r.GetString(2));
            }
        var vehicles = new List<Guid>();
        await using (var cmd = new NpgsqlCommand("SELECT id FROM vehicles WHERE dealership_id = $1 ORDER BY md5(id::text) LIMIT 500", c)
        { Parameters = { new() { Value = store.Tenant.DealershipId } } })
        await using (var r = await cmd.ExecuteReaderAsync(ct))
            while (await r.ReadAsync(ct)) vehicles.Add(r.GetGuid(0));
        return new Sample(names, phones, vehicles);
    }
}
