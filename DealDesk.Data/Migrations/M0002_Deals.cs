using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DealDesk.Data.Migrations;

[DbContext(typeof(DealDeskDbContext))]
[Migration("20261121000002_Deals")]
public sealed class M0002_Deals : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder) =>
        migrationBuilder.Sql(SqlScript.Load("0002_deals.sql"));
}
