using DealDesk.Tests.Infrastructure;
using Npgsql;

namespace DealDesk.Tests.Tenancy;

/// <summary>
/// Tenant isolation enforced by PostgreSQL itself, probed with raw SQL (no EF, no service filters):
/// row-level security keyed on app.dealership_id, composite foreign keys, and the roles' privileges.
/// </summary>
public sealed class RowLevelSecurityTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    static readonly string[] TenantTables = ["dealerships", "customers", "vehicles", "audit_log"];

    TestDatabase Db => fixture.Db;

    /// <summary>A fresh session (unpooled), so no setting from another test can linger on it.</summary>
    static async Task<NpgsqlConnection> SessionAsync(string connectionString, Guid? tenant = null)
    {
        var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await c.OpenAsync();
        if (tenant is { } id) await Sql.SetTenantAsync(c, id);
        return c;
    }

    static Task<long> CountAsync(NpgsqlConnection c, string table) => Sql.ScalarAsync<long>(c, $"SELECT count(*) FROM {table}");

    /// <summary>Runs a statement in a transaction that is rolled back: controls must not change the demo data other tests count.</summary>
    static async Task<int> ExecuteAndRollBackAsync(NpgsqlConnection c, string sql, params object[] args)
    {
        await using var tx = await c.BeginTransactionAsync();
        var rows = await Sql.ExecuteAsync(c, sql, args);
        await tx.RollbackAsync();
        return rows;
    }

    [Fact]
    public async Task App_role_sees_only_the_current_dealerships_rows()
    {
        var demo = await Db.DemoAsync();
        foreach (var tenant in new[] { demo.North, demo.South })
        {
            await using var c = await SessionAsync(Db.AppConnectionString, tenant.DealershipId);

            Assert.Equal(40, await CountAsync(c, "vehicles"));
            Assert.Equal(20, await CountAsync(c, "customers"));
            Assert.Equal(1, await CountAsync(c, "dealerships"));
            Assert.Equal(tenant.DealershipId, await Sql.ScalarAsync<Guid>(c, "SELECT id FROM dealerships"));
            Assert.Equal(0, await Sql.ScalarAsync<long>(c, "SELECT count(*) FROM vehicles WHERE dealership_id <> $1", tenant.DealershipId));
        }
        // The superuser (BYPASSRLS) sees both, so the counts above are a filter, not a coincidence.
        Assert.Equal(80, await Db.ScalarAsync<long>("SELECT count(*) FROM vehicles"));
        Assert.Equal(40, await Db.ScalarAsync<long>("SELECT count(*) FROM customers"));
    }

    [Fact]
    public async Task App_role_without_a_tenant_sees_no_rows()
    {
        await using var c = await SessionAsync(Db.AppConnectionString);

        Assert.Null(await Sql.ScalarAsync<string?>(c, "SELECT current_setting('app.dealership_id', true)"));
        foreach (var table in TenantTables) Assert.Equal(0, await CountAsync(c, table));
    }

    [Fact]
    public async Task A_tenant_set_locally_is_gone_after_its_transaction()
    {
        var demo = await Db.DemoAsync();
        await using var c = await SessionAsync(Db.AppConnectionString);
        await using (var tx = await c.BeginTransactionAsync())
        {
            await Sql.ExecuteAsync(c, "SELECT set_config('app.dealership_id', $1, true)", demo.North.DealershipId.ToString());
            Assert.Equal(40, await CountAsync(c, "vehicles"));
            await tx.CommitAsync();
        }
        // The setting now reads back as '' (not NULL); app_current_dealership() must still mean "nobody".
        Assert.Equal("", await Sql.ScalarAsync<string>(c, "SELECT current_setting('app.dealership_id', true)"));
        Assert.Equal(0, await CountAsync(c, "vehicles"));
    }

    [Fact]
    public async Task Insert_for_another_dealership_is_rejected_by_the_policy()
    {
        var demo = await Db.DemoAsync();
        await using var c = await SessionAsync(Db.AppConnectionString, demo.North.DealershipId);
        const string insert = "INSERT INTO customers (dealership_id, first_name, last_name) VALUES ($1, 'Eve', 'Intruder')";

        var ex = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(c, insert, demo.South.DealershipId));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ex.SqlState); // 42501: new row violates row-level security policy

        Assert.Equal(1, await ExecuteAndRollBackAsync(c, insert, demo.North.DealershipId)); // control: its own dealership is fine
        Assert.Equal(0, await Db.ScalarAsync<long>("SELECT count(*) FROM customers WHERE dealership_id = $1 AND last_name = 'Intruder'", demo.South.DealershipId));
    }

    [Fact]
    public async Task Update_cannot_move_a_row_to_another_dealership()
    {
        var demo = await Db.DemoAsync();
        await using var c = await SessionAsync(Db.AppConnectionString, demo.North.DealershipId);

        var ex = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(c,
            "UPDATE vehicles SET dealership_id = $1 WHERE id = (SELECT id FROM vehicles ORDER BY stock_number LIMIT 1)", demo.South.DealershipId));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ex.SqlState);
    }

    [Fact]
    public async Task Audit_row_pointing_at_another_dealerships_user_violates_the_composite_foreign_key()
    {
        var demo = await Db.DemoAsync();
        await using var c = await SessionAsync(Db.AppConnectionString, demo.North.DealershipId);
        const string insert = """
            INSERT INTO audit_log (dealership_id, user_id, action, entity_type, entity_id, metadata)
            VALUES ($1, $2, 'test.cross_tenant', 'vehicle', gen_random_uuid(), '{}')
            """;

        var ex = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(c, insert, demo.North.DealershipId, demo.South.Sales1Id));
        Assert.Equal(PostgresErrorCodes.ForeignKeyViolation, ex.SqlState); // 23503
        Assert.Equal("FK_audit_log_users_dealership_id_user_id", ex.ConstraintName);

        Assert.Equal(1, await ExecuteAndRollBackAsync(c, insert, demo.North.DealershipId, demo.North.Sales1Id)); // control: own user is fine
    }

    [Fact]
    public async Task Audit_log_is_append_only_for_the_app()
    {
        var demo = await Db.DemoAsync();
        await using var c = await SessionAsync(Db.AppConnectionString, demo.North.DealershipId);

        var ex = await Assert.ThrowsAsync<PostgresException>(() => Sql.ExecuteAsync(c, "DELETE FROM audit_log"));
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, ex.SqlState);
    }

    [Fact]
    public async Task Users_are_visible_to_their_dealership_and_to_tenantless_sign_in_only()
    {
        var demo = await Db.DemoAsync();
        await using (var c = await SessionAsync(Db.AppConnectionString, demo.North.DealershipId))
        {
            var visible = await Sql.ListAsync(c, "SELECT id FROM users", r => r.GetGuid(0));
            Assert.Equal(new[] { demo.North.ManagerId, demo.North.Sales1Id, demo.North.Sales2Id }.Order(), visible.Order());
        }
        await using (var c = await SessionAsync(Db.AppConnectionString))
            Assert.Equal(6, await CountAsync(c, "users")); // sign-in looks the account up before a tenant is known
    }

    [Fact]
    public async Task Every_table_with_a_dealership_id_has_row_level_security_and_a_policy()
    {
        await using var c = await Db.OpenSuperuserAsync();
        var tables = await Sql.ListAsync(c, """
            SELECT cl.relname, cl.relrowsecurity, (SELECT count(*) FROM pg_policy p WHERE p.polrelid = cl.oid)
            FROM pg_class cl JOIN pg_namespace n ON n.oid = cl.relnamespace
            WHERE n.nspname = 'public' AND cl.relkind = 'r'
              AND (EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = cl.oid AND a.attname = 'dealership_id' AND NOT a.attisdropped)
                   OR cl.relname = 'dealerships')
            """, r => (Name: r.GetString(0), Rls: r.GetBoolean(1), Policies: r.GetInt64(2)));

        Assert.Superset(new HashSet<string>(TenantTables), tables.Select(t => t.Name).ToHashSet());
        Assert.All(tables, t =>
        {
            Assert.True(t.Rls, $"{t.Name}: row-level security is not enabled");
            Assert.True(t.Policies > 0, $"{t.Name}: no policy");
        });
    }

    [Fact]
    public async Task App_role_owns_nothing_and_cannot_bypass_row_level_security()
    {
        await using var c = await Db.OpenSuperuserAsync();
        var role = (await Sql.ListAsync(c,
            "SELECT rolsuper, rolbypassrls, rolcreaterole, rolcreatedb FROM pg_roles WHERE rolname = 'dealdesk_app'",
            r => (Super: r.GetBoolean(0), BypassRls: r.GetBoolean(1), CreateRole: r.GetBoolean(2), CreateDb: r.GetBoolean(3)))).Single();
        Assert.False(role.Super);
        Assert.False(role.BypassRls);
        Assert.False(role.CreateRole);
        Assert.False(role.CreateDb);

        var owners = await Sql.ListAsync(c, """
            SELECT c.relname, pg_get_userbyid(c.relowner), pg_has_role('dealdesk_app', c.relowner, 'USAGE')
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE n.nspname = 'public' AND c.relkind IN ('r', 'p', 'v', 'm', 'S', 'f')
            """, r => (Name: r.GetString(0), Owner: r.GetString(1), AppIsOwner: r.GetBoolean(2)));
        Assert.NotEmpty(owners);
        Assert.All(owners, t => Assert.False(t.AppIsOwner, $"{t.Name} is owned by {t.Owner}, which dealdesk_app is (or is a member of)"));
        Assert.All(TenantTables, name => Assert.Equal("dealdesk_owner", Assert.Single(owners, x => x.Name == name).Owner));
    }

    /// <summary>
    /// Row-level security is not FORCEd (0001 explains: the ownership probe runs as the owner), so the
    /// owner and superusers read across dealerships. The app must therefore refuse to connect as either.
    /// </summary>
    [Fact]
    public async Task Tenancy_guard_accepts_the_app_role_and_refuses_roles_that_bypass_row_level_security()
    {
        await using var app = NpgsqlDataSource.Create(Db.AppConnectionString);
        await using var owner = NpgsqlDataSource.Create(Db.OwnerConnectionString);
        await using var super = NpgsqlDataSource.Create(Db.SuperuserConnectionString);

        Assert.Null(await DealDesk.Data.Tenancy.TenancyGuard.ProblemWithAsync(app));
        Assert.Contains("owns", await DealDesk.Data.Tenancy.TenancyGuard.ProblemWithAsync(owner));
        Assert.Contains("superuser", await DealDesk.Data.Tenancy.TenancyGuard.ProblemWithAsync(super));
    }
}
