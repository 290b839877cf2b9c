using DealDesk.Data.Customers;
using DealDesk.Data.Database;
using DealDesk.Data.Deals;
using DealDesk.Data.QuickQuotes;
using DealDesk.Data.Quotes;
using FluentValidation;
using DealDesk.Data.Diagnostics;
using DealDesk.Data.Inventory;
using DealDesk.Data.Tenancy;
using DealDesk.Data.Transactions;
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
        services.AddSingleton(_ => new NpgsqlDataSourceBuilder(settings.Apply(target.AppConnectionString)).Build());
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
        services.AddScoped<InventoryService>();
        services.AddSingleton(TimeProvider.System);
        // FluentValidation's DI package is not in the registry: validators are registered by hand.
        services.AddSingleton<IValidator<CreateDealRequest>, CreateDealValidator>();
        services.AddSingleton<IValidator<ChangeCustomerRequest>, ChangeCustomerValidator>();
        services.AddSingleton<IValidator<QuickQuoteRequest>, QuickQuoteValidator>();
        services.AddScoped<DealService>();
        services.AddScoped<DealActions>();
        services.AddScoped<DealQueries>();
        services.AddScoped<CustomerQueries>();
        services.AddScoped<QuickQuoteService>();
        services.AddScoped<QuickQuoteQueries>();
        services.AddSingleton<QuoteThrottle>();
        services.AddScoped<QuoteService>();
        services.AddScoped<QuoteQueries>();
        services.AddSingleton<Monitoring.DatabaseHealth>();
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
