using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Bench;

/// <summary>
/// Deal creation straight through <see cref="DealService.CreateAsync"/>: the app's own services and pool,
/// no HTTP. Each worker has its own DI scope whose tenant is dealership <c>worker mod N</c> and its
/// salesperson; every call creates a new customer and reserves a distinct vehicle.
/// </summary>
public sealed class ServiceLoad(BenchDatabase database, IReadOnlyList<BenchTenant> tenants, LoadRunner runner)
{
    public async Task<IReadOnlyList<LevelResult>> RunAsync(string level, IReadOnlyList<int> clientCounts, Action<string> log, CancellationToken ct)
    {
        var results = new List<LevelResult>();
        await using var services = database.CreateServices();
        foreach (var clients in clientCounts)
        {
            log($"{level} level, {clients} client(s) over {Math.Min(clients, tenants.Count)} dealership(s)");
            var scopes = new List<AsyncServiceScope>();
            try
            {
                var workers = new (BenchTenant Tenant, DealService Deals)[clients];
                for (var w = 0; w < clients; w++)
                {
                    var scope = services.CreateAsyncScope();
                    scopes.Add(scope);
                    var tenant = tenants[w % tenants.Count];
                    var context = scope.ServiceProvider.GetRequiredService<TenantContext>();
                    context.DealershipId = tenant.DealershipId;
                    context.UserId = tenant.SalesUserId;
                    context.IsManager = false;
                    workers[w] = (tenant, scope.ServiceProvider.GetRequiredService<DealService>());
                }

                var result = await runner.RunAsync(level, clients, async (worker, sequence, token) =>
                {
                    var (tenant, deals) = workers[worker];
                    try
                    {
                        await deals.CreateAsync(DealRequests.NewCustomer(tenant.TakeVehicle(), $"S{clients}-{worker}-{sequence}"), idempotencyKey: null, token);
                        return null;
                    }
                    catch (DealDeskException ex)
                    {
                        return ex.Error.Code;
                    }
                }, ct);
                results.Add(result);
            }
            finally
            {
                foreach (var scope in scopes) await scope.DisposeAsync();
            }
        }
        return results;
    }
}
