using Npgsql;

namespace DealDesk.Data.Tenancy;

/// <summary>
/// Row-level security binds every role except the tables' owner, superusers and BYPASSRLS roles.
/// The app must therefore never connect as one of those: this check runs at start-up.
/// </summary>
public static class TenancyGuard
{
    public static async Task<string?> ProblemWithAsync(NpgsqlDataSource dataSource, CancellationToken ct = default)
    {
        await using var cmd = dataSource.CreateCommand("""
            SELECT r.rolname, r.rolsuper, r.rolbypassrls, pg_has_role(r.oid, c.relowner, 'USAGE') AS owns
            FROM pg_roles r, pg_class c
            WHERE r.rolname = current_user AND c.oid = 'public.customers'::regclass
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) return "the customers table is missing (migrations not applied?)";
        var role = reader.GetString(0);
        if (reader.GetBoolean(1)) return $"role {role} is a superuser, which row-level security does not bind";
        if (reader.GetBoolean(2)) return $"role {role} has BYPASSRLS";
        if (reader.GetBoolean(3)) return $"role {role} owns (or is a member of the owner of) the tables, which row-level security does not bind; connect as a separate role granted dealdesk_app";
        return null;
    }
}
