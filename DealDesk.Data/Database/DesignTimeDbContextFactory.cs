using Microsoft.EntityFrameworkCore.Design;

namespace DealDesk.Data.Database;

/// <summary>
/// How `dotnet ef` builds the context (`dotnet ef migrations add X --project DealDesk.Data`): the options of
/// the app's migrator, no running database needed. `migrations add`, `remove --force`, `script` and
/// `has-pending-model-changes` never connect. The placeholder points nowhere on purpose (port 1 refuses at
/// once), so no command can touch a real database by accident; one that must connect takes
/// `--connection "…"` as the schema owner.
/// </summary>
internal sealed class DesignTimeDbContextFactory : IDesignTimeDbContextFactory<DealDeskDbContext>
{
    public DealDeskDbContext CreateDbContext(string[] args) =>
        DatabaseMigrator.CreateContext("Host=127.0.0.1;Port=1;Database=dealdesk_design_time;Username=dealdesk_owner;Timeout=2");
}
