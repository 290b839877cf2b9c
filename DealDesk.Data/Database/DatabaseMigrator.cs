using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Database;

/// <summary>Applies the versioned migrations, as the role that owns the schema.</summary>
public static class DatabaseMigrator
{
    public static async Task MigrateAsync(string ownerConnectionString, CancellationToken ct = default)
    {
        await using var db = CreateContext(ownerConnectionString);
        await db.Database.MigrateAsync(ct);
    }

    /// <summary>A context without tenant or interceptors: migrations, schema tests and tools.</summary>
    public static DealDeskDbContext CreateContext(string connectionString)
    {
        var builder = new DbContextOptionsBuilder<DealDeskDbContext>().UseNpgsql(connectionString);
        DataServiceCollectionExtensions.ConfigureCommon(builder);
        return new DealDeskDbContext(builder.Options);
    }
}
