using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealDesk.Data.Migrations
{
    /// <summary>
    /// The hand-over from hand-written SQL migrations to `dotnet ef`. The schema already exists: M0001_Foundation
    /// and M0002_Deals (Migrations/Sql) create every table, key and index of today's model, plus the row-level
    /// security, functions and grants. So Up and Down are deliberately empty; what this migration adds is the
    /// model snapshot (DealDeskDbContextModelSnapshot, and this migration's Designer file), which the next
    /// `dotnet ef migrations add` diffs against. A database made by an older build upgrades in place: it gets
    /// this no-op recorded in __EFMigrationsHistory (MigrationUpgradeTests).
    /// </summary>
    public partial class Baseline : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
        }
    }
}
