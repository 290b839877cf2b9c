using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DealDesk.Data.Migrations;

/// <summary>
/// One of the two hand-written migrations from before `dotnet ef` (the SQL lives in Migrations/Sql). Databases
/// in use have them applied, so they stay as they are; new schema changes are `dotnet ef migrations add`
/// (docs/migrations.md). MigrationSchemaTests proves all migrations together build the EF model's schema.
/// </summary>
[DbContext(typeof(DealDeskDbContext))]
[Migration("20261121000001_Foundation")]
public sealed class M0001_Foundation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0001_foundation.sql"));
}
