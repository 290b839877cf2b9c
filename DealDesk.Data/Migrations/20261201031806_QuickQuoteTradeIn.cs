using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealDesk.Data.Migrations
{
    /// <inheritdoc />
    public partial class QuickQuoteTradeIn : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "trade_in_value",
                table: "quick_quotes",
                type: "numeric(12,2)",
                nullable: false,
                defaultValue: 0m);
            // The default only fills the quotes saved before trade-ins; the app always writes the value, as the model says.
            migrationBuilder.Sql("ALTER TABLE quick_quotes ALTER COLUMN trade_in_value DROP DEFAULT;");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "trade_in_value",
                table: "quick_quotes");
        }
    }
}
