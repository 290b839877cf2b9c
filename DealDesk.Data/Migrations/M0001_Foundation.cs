using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DealDesk.Data.Migrations;

/// <summary>
/// Hand-written: Microsoft.EntityFrameworkCore.Design (and so `dotnet ef`) cannot restore here.
/// The SQL lives in Migrations/Sql; MigrationSchemaTests proves it matches the EF model.
/// </summary>
[DbContext(typeof(DealDeskDbContext))]
[Migration("20261121000001_Foundation")]
public sealed class M0001_Foundation : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0001_foundation.sql"));
}
