using NpgsqlTypes;
using Npgsql;

namespace DealDesk.Bench;

/// <summary>
/// Bulk-loads available vehicles with binary COPY as the superuser: row-level security's WITH CHECK
/// would refuse the app role rows of a dealership other than its current tenant; a superuser bypasses it.
/// The ids are generated here so each tenant's queue holds exactly the rows inserted for it.
/// </summary>
public static class VehicleStock
{
    public static async Task AddAsync(string superuserConnectionString, IReadOnlyList<BenchTenant> tenants, IReadOnlyList<int> counts, CancellationToken ct)
    {
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(superuserConnectionString) { Pooling = false }.ConnectionString);
        await c.OpenAsync(ct);
        for (var t = 0; t < tenants.Count; t++)
        {
            var tenant = tenants[t];
            var perDealership = counts[t];
            if (perDealership == 0) continue;
            var ids = new Guid[perDealership];
            await using (var copy = await c.BeginBinaryImportAsync(
                "COPY vehicles (id, dealership_id, vin, stock_number, year, make, model, trim, price, status) FROM STDIN (FORMAT BINARY)", ct))
            {
                for (var i = 0; i < perDealership; i++)
                {
                    ids[i] = Guid.CreateVersion7();
                    await copy.StartRowAsync(ct);
                    await copy.WriteAsync(ids[i], NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync(tenant.DealershipId, NpgsqlDbType.Uuid, ct);
                    await copy.WriteAsync($"BENCHS{i:D11}", NpgsqlDbType.Varchar, ct);   // 17 characters, unique per dealership
                    await copy.WriteAsync($"BS{i:D8}", NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(2025, NpgsqlDbType.Integer, ct);
                    await copy.WriteAsync("Toyota", NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync("Camry", NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync("LE", NpgsqlDbType.Varchar, ct);
                    await copy.WriteAsync(27_000m + i % 40 * 100, NpgsqlDbType.Numeric, ct);
                    await copy.WriteAsync("available", NpgsqlDbType.Varchar, ct);
                }
                await copy.CompleteAsync(ct);
            }
            foreach (var id in ids) tenant.Vehicles.Enqueue(id);
        }
        await using var analyze = new NpgsqlCommand("ANALYZE vehicles", c);
        await analyze.ExecuteNonQueryAsync(ct);
    }
}
