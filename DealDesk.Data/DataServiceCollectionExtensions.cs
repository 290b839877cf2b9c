using DealDesk.Data.Customers;
using DealDesk.Data.Database;
using DealDesk.Data.Deals;
using DealDesk.Data.Quotes;
using DealDesk.Data.Diagnostics;
using DealDesk.Data.Inventory;
using DealDesk.Data.Leads;
using DealDesk.Data.QuickQuotes;
using DealDesk.Data.Tenancy;
using DealDesk.Data.Transactions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace DealDesk.Data;

public static class DataServiceCollectionExtensions
{
    /// <summary>Registers the data source, contexts (tenant-aware), the transaction runner and the feature services.</summary>
    public static IServiceCollection AddDealDeskData(this IServiceCollection services, DatabaseTarget target, DatabaseSettings settings)
    {
        services.AddSingleton(settings);
        services.AddSingleton(target);
        // One pooled data source per process; Npgsql publishes its "Npgsql" meter (pool, commands) from it.
        // Its own name: Npgsql tags pool metrics and command traces with it, and monitoring reads only this pool's.
        services.AddSingleton(_ => Monitoring.DataSourceNames.BuildNamed(new NpgsqlDataSourceBuilder(settings.Apply(target.AppConnectionString))));
        services.AddSingleton<DealDeskMetrics>();
        services.AddScoped<TenantContext>();
        services.AddScoped<ITenantContext>(sp => sp.GetRequiredService<TenantContext>());
        services.AddDbContextFactory<DealDeskDbContext>((sp, options) =>
        {
            options.UseNpgsql(sp.GetRequiredService<NpgsqlDataSource>());
            options.AddInterceptors(
                new TenantConnectionInterceptor(sp.GetRequiredService<ITenantContext>()),
                new SlowQueryInterceptor(settings.SlowQueryThresholdMs, sp.GetRequiredService<ILogger<SlowQueryInterceptor>>()));
            ConfigureCommon(options);
        }, ServiceLifetime.Scoped);
        services.AddScoped<TransactionRunner>();
        services.AddScoped<CurrentDealership>();
        services.AddScoped<ICurrentDealership>(sp => sp.GetRequiredService<CurrentDealership>());
        services.AddScoped<InventoryService>();
        services.AddScoped<IInventoryQueries>(sp => sp.GetRequiredService<InventoryService>());
        services.AddVehicleRecords();
        services.AddSingleton(TimeProvider.System);
        // Validators hold no state: one of each for the process. The scan also registers the nested ones
        // (NewCustomerValidator, ScenarioInputValidator), which the composite validators still create themselves.
        // Validators built from a dealership's settings (QuoteValidator takes its tax rules and currencies) are
        // made per use by their service, so only parameterless ones are registered.
        services.AddValidatorsFromAssemblyContaining<CreateDealValidator>(ServiceLifetime.Singleton,
            filter: scan => scan.ValidatorType.GetConstructor(Type.EmptyTypes) is not null, includeInternalTypes: true);
        services.AddScoped<DealService>();
        services.AddScoped<IDealCreation>(sp => sp.GetRequiredService<DealService>());
        services.AddScoped<DealActions>();
        services.AddScoped<IDealActions>(sp => sp.GetRequiredService<DealActions>());
        services.AddScoped<DealQueries>();
        services.AddScoped<IDealQueries>(sp => sp.GetRequiredService<DealQueries>());
        services.AddScoped<CustomerQueries>();
        services.AddScoped<ICustomerQueries>(sp => sp.GetRequiredService<CustomerQueries>());
        services.AddScoped<QuickQuoteService>();
        services.AddScoped<QuickQuoteQueries>();
        services.AddSingleton<QuoteThrottle>();
        services.AddScoped<QuoteService>();
        services.AddScoped<QuoteQueries>();
        services.AddSingleton<Monitoring.DatabaseHealth>();
        services.AddScoped<Staff.StaffService>();
        services.AddScoped<Settings.SettingsService>();
        services.AddScoped<CustomerService>();
        services.AddLeads();
        return services;
    }

    /// <summary>
    /// EF's own error events go to Debug: a serialization failure that the runner retries is not an error,
    /// and the runner and the exception handler log the failures that do surface. EF's pending-model check
    /// stays on: a model change without its migration stops Migrate (and so start-up) at once.
    /// </summary>
    internal static void ConfigureCommon(DbContextOptionsBuilder options) =>
        options.ConfigureWarnings(w => w
            .Log((RelationalEventId.CommandError, LogLevel.Debug), (RelationalEventId.TransactionError, LogLevel.Debug),
                (CoreEventId.SaveChangesFailed, LogLevel.Debug), (CoreEventId.QueryIterationFailed, LogLevel.Debug)));
}
