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
        await using var cmd = SetTenant(connection, eventData);
        if (cmd is not null) await cmd.ExecuteNonQueryAsync(cancellationToken);
    }

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var cmd = SetTenant(connection, eventData);
        cmd?.ExecuteNonQuery();
    }

    /// <summary>The session-level tenant command, or null when there is no tenant or the runner sets it per transaction.</summary>
    private NpgsqlCommand? SetTenant(DbConnection connection, ConnectionEndEventData eventData)
    {
        if (tenant.DealershipId is not { } id || eventData.Context is DealDeskDbContext { TenantSetPerTransaction: true }) return null;
        var cmd = new NpgsqlCommand($"SELECT set_config('{TenantSetting.Name}', $1, false)", (NpgsqlConnection)connection);
        cmd.Parameters.Add(new NpgsqlParameter { Value = id.ToString() });
        return cmd;
    }
}
