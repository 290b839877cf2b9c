using System.Text;
using DealDesk.Data.Database;
using DealDesk.Tests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Npgsql;
using Xunit.Abstractions;

namespace DealDesk.Tests.Database;

/// <summary>
/// The first two migrations are hand-written SQL and later ones may carry migrationBuilder.Sql, so this
/// proves all of them together build the schema the EF model describes: the migrated test database
/// against a database that EnsureCreated built from the model, compared through the catalogs.
/// Row-level security, functions and grants exist only in migrations and are not compared here
/// (RowLevelSecurityTests covers them).
/// </summary>
public sealed class MigrationSchemaTests(DatabaseFixture fixture, ITestOutputHelper output) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Migrated_schema_matches_the_schema_EnsureCreated_builds_from_the_model()
    {
        var db = fixture.Db;
        var modelDb = db.Name + "_model";
        await TestDatabase.ExecAsync(db.Cluster, "postgres", $"CREATE DATABASE {TestDatabase.Ident(modelDb)} OWNER dealdesk_owner");
        var modelOwner = db.Cluster.ConnectionStringFor(modelDb, "dealdesk_owner");
        try
        {
            await using (var context = DatabaseMigrator.CreateContext(modelOwner))
                Assert.True(await context.Database.EnsureCreatedAsync(), "EnsureCreated built nothing");

            var migrated = await DescribeAsync(db.SuperuserConnectionString);
            var model = await DescribeAsync(db.Cluster.ConnectionStringFor(modelDb, "postgres"));

            Assert.Contains(migrated, line => line.StartsWith("table vehicles", StringComparison.Ordinal)); // the comparison is not vacuous
            Assert.True(migrated.Count > 100, $"Only {migrated.Count} schema facts were read from the migrated database.");
            var onlyMigrated = migrated.Except(model).ToList();
            var onlyModel = model.Except(migrated).ToList();
            if (onlyMigrated.Count + onlyModel.Count > 0)
            {
                var diff = new StringBuilder("The migrations and the EF model disagree.");
                diff.AppendLine().AppendLine("Only in the migrated database (migrations have it, the model does not):");
                foreach (var l in onlyMigrated) diff.Append("  - ").AppendLine(l);
                diff.AppendLine("Only in the EnsureCreated database (the model has it, no migration creates it):");
                foreach (var l in onlyModel) diff.Append("  + ").AppendLine(l);
                output.WriteLine(diff.ToString());
                Assert.Fail(diff.ToString());
            }
        }
        finally
        {
            NpgsqlConnection.ClearPool(new NpgsqlConnection(modelOwner));
            NpgsqlConnection.ClearPool(new NpgsqlConnection(db.Cluster.ConnectionStringFor(modelDb, "postgres")));
            await TestDatabase.ExecAsync(db.Cluster, "postgres", $"DROP DATABASE IF EXISTS {TestDatabase.Ident(modelDb)} WITH (FORCE)");
        }
    }

    [Fact]
    public void The_model_has_no_changes_that_lack_a_migration()
    {
        // Against the snapshot: a model change needs `dotnet ef migrations add` (docs/migrations.md).
        using var context = DatabaseMigrator.CreateContext(fixture.Db.OwnerConnectionString);

        Assert.False(context.Database.HasPendingModelChanges(),
            "The EF model differs from DealDeskDbContextModelSnapshot: run `dotnet ef migrations add <Name> --project DealDesk.Data`.");
    }

    /// <summary>One readable line per schema fact of the public schema, EF's history table left out.</summary>
    static async Task<SortedSet<string>> DescribeAsync(string connectionString)
    {
        var facts = new SortedSet<string>(StringComparer.Ordinal);
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(connectionString) { Pooling = false }.ConnectionString);
        await c.OpenAsync();

        foreach (var t in await Sql.ListAsync(c, """
            SELECT table_name FROM information_schema.tables
            WHERE table_schema = 'public' AND table_type = 'BASE TABLE' AND table_name <> '__EFMigrationsHistory'
            """, r => r.GetString(0)))
            facts.Add($"table {t}");

        foreach (var col in await Sql.ListAsync(c, """
            SELECT table_name, column_name, data_type, character_maximum_length, numeric_precision, numeric_scale,
                   is_nullable, column_default, is_identity, identity_generation
            FROM information_schema.columns c
            WHERE table_schema = 'public' AND table_name <> '__EFMigrationsHistory'
              AND EXISTS (SELECT FROM information_schema.tables t
                          WHERE t.table_schema = c.table_schema AND t.table_name = c.table_name AND t.table_type = 'BASE TABLE')
            """, r => $"table {r.GetString(0)} column {r.GetString(1)}: {r.GetString(2)}" +
                      $" len={Opt(r, 3)} precision={Opt(r, 4)} scale={Opt(r, 5)} nullable={r.GetString(6)}" +
                      $" default={Opt(r, 7)} identity={r.GetString(8)}/{Opt(r, 9)}"))
            facts.Add(col);

        // Primary, unique, foreign and check constraints: name, columns, referenced table/columns and ON DELETE/UPDATE,
        // as PostgreSQL itself prints them.
        foreach (var con in await Sql.ListAsync(c, """
            SELECT rel.relname, con.contype::text, con.conname, pg_get_constraintdef(con.oid, true)
            FROM pg_constraint con
            JOIN pg_class rel ON rel.oid = con.conrelid
            JOIN pg_namespace ns ON ns.oid = rel.relnamespace
            WHERE ns.nspname = 'public' AND rel.relname <> '__EFMigrationsHistory' AND con.contype IN ('p', 'u', 'f', 'c', 'x')
            """, r => $"table {r.GetString(0)} constraint[{r.GetString(1)}] {r.GetString(2)}: {r.GetString(3)}"))
            facts.Add(con);

        // Every index (including those behind keys): columns, uniqueness, method and partial-index predicate.
        foreach (var ix in await Sql.ListAsync(c, """
            SELECT tablename, indexname, indexdef FROM pg_indexes
            WHERE schemaname = 'public' AND tablename <> '__EFMigrationsHistory'
            """, r => $"table {r.GetString(0)} index {r.GetString(1)}: {r.GetString(2)}"))
            facts.Add(ix);

        return facts;
    }

    static string Opt(NpgsqlDataReader r, int i) => r.IsDBNull(i) ? "null" : Convert.ToString(r.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)!;
}
