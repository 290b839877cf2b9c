using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace DealDesk.Data.Tenancy;

/// <summary>
/// Sets the tenant on every connection a context opens, so plain reads see their dealership's rows
/// under row-level security. Npgsql resets session state (DISCARD ALL) when a pooled connection is
/// reused, so the setting never leaks to another request. Writes also SET LOCAL it in the
/// transaction runner.
/// </summary>
public sealed class TenantConnectionInterceptor(ITenantContext tenant) : DbConnectionInterceptor
{
    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        if (tenant.DealershipId is not { } id || eventData.Context is DealDeskDbContext { TenantSetPerTransaction: true }) return;
        await using var cmd = new NpgsqlCommand($"SELECT set_config('{TenantSetting.Name}', $1, false)", (NpgsqlConnection)connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id.ToString() });
        await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (tenant.DealershipId is not { } id || eventData.Context is DealDeskDbContext { TenantSetPerTransaction: true }) return;
        using var cmd = new NpgsqlCommand($"SELECT set_config('{TenantSetting.Name}', $1, false)", (NpgsqlConnection)connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id.ToString() });
        cmd.ExecuteNonQuery();
    }
}
