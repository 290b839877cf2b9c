using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealDesk.Data.Migrations
{
    /// <summary>
    /// The quote editor (issue 7): a pricing scenario becomes a versioned quote (inputs, figures, state, expiry,
    /// optimistic-lock version, last modifier), with its lines (quote_lines) and a history of its versions
    /// (quote_history); dealerships get the editor's settings; vehicles an optional cost (front gross).
    /// </summary>
    public partial class QuoteEditor : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<decimal>(
                name: "cost",
                table: "vehicles",
                type: "numeric(12,2)",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "annual_miles",
                table: "pricing_scenarios",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "currency",
                table: "pricing_scenarios",
                type: "character varying(3)",
                maxLength: 3,
                nullable: false,
                defaultValue: "USD");

            migrationBuilder.AddColumn<decimal>(
                name: "discount",
                table: "pricing_scenarios",
                type: "numeric(12,2)",
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "due_at_signing",
                table: "pricing_scenarios",
                type: "numeric(12,2)",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "expires_at",
                table: "pricing_scenarios",
                type: "timestamp with time zone",
                nullable: false,
                defaultValueSql: "now()");

            migrationBuilder.AddColumn<decimal>(
                name: "front_gross",
                table: "pricing_scenarios",
                type: "numeric(12,2)",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "last_modified_at",
                table: "pricing_scenarios",
                type: "timestamp with time zone",
                nullable: false,
                defaultValueSql: "now()");

            migrationBuilder.AddColumn<Guid>(
                name: "last_modified_by",
                table: "pricing_scenarios",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"));

            migrationBuilder.AddColumn<decimal>(
                name: "money_factor",
                table: "pricing_scenarios",
                type: "numeric(8,6)",
                nullable: true);

            migrationBuilder.AddColumn<decimal>(
                name: "residual_percent",
                table: "pricing_scenarios",
                type: "numeric(7,4)",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "state",
                table: "pricing_scenarios",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "DRAFT");

            migrationBuilder.AddColumn<decimal>(
                name: "tax",
                table: "pricing_scenarios",
                type: "numeric(12,2)",
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "taxable_amount",
                table: "pricing_scenarios",
                type: "numeric(12,2)",
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "total_cost",
                table: "pricing_scenarios",
                type: "numeric(12,2)",
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<decimal>(
                name: "total_of_payments",
                table: "pricing_scenarios",
                type: "numeric(12,2)",
                nullable: false,
                defaultValue: 0m);

            migrationBuilder.AddColumn<bool>(
                name: "trade_in_reduces_taxable",
                table: "pricing_scenarios",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.AddColumn<long>(
                name: "version",
                table: "pricing_scenarios",
                type: "bigint",
                nullable: false,
                defaultValue: 1L);

            migrationBuilder.AddColumn<string[]>(
                name: "allowed_currencies",
                table: "dealerships",
                type: "character varying(3)[]",
                nullable: false,
                defaultValueSql: "'{USD}'");

            migrationBuilder.AddColumn<decimal>(
                name: "down_payment_step",
                table: "dealerships",
                type: "numeric(12,2)",
                nullable: false,
                defaultValue: 1000m);

            migrationBuilder.AddColumn<string>(
                name: "fee_templates",
                table: "dealerships",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "trade_in_reduces_taxable",
                table: "dealerships",
                type: "boolean",
                nullable: false,
                defaultValue: true);

            migrationBuilder.CreateTable(
                name: "quote_history",
                columns: table => new
                {
                    quote_id = table.Column<Guid>(type: "uuid", nullable: false),
                    version = table.Column<long>(type: "bigint", nullable: false),
                    dealership_id = table.Column<Guid>(type: "uuid", nullable: false),
                    action = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changes = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quote_history", x => new { x.quote_id, x.version });
                    table.CheckConstraint("ck_quote_history_version", "version >= 1");
                    table.ForeignKey(
                        name: "FK_quote_history_pricing_scenarios_dealership_id_quote_id",
                        columns: x => new { x.dealership_id, x.quote_id },
                        principalTable: "pricing_scenarios",
                        principalColumns: new[] { "dealership_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_quote_history_users_dealership_id_user_id",
                        columns: x => new { x.dealership_id, x.user_id },
                        principalTable: "users",
                        principalColumns: new[] { "dealership_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "quote_lines",
                columns: table => new
                {
                    quote_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    position = table.Column<int>(type: "integer", nullable: false),
                    dealership_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    amount = table.Column<decimal>(type: "numeric(12,2)", nullable: false),
                    taxable = table.Column<bool>(type: "boolean", nullable: false),
                    payoff = table.Column<decimal>(type: "numeric(12,2)", nullable: true),
                    vin = table.Column<string>(type: "character varying(17)", maxLength: 17, nullable: true),
                    year = table.Column<int>(type: "integer", nullable: true),
                    make = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    model = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_quote_lines", x => new { x.quote_id, x.kind, x.position });
                    table.CheckConstraint("ck_quote_lines_amounts", "amount >= 0 AND (payoff IS NULL OR payoff >= 0) AND position >= 0");
                    table.CheckConstraint("ck_quote_lines_kind", "kind IN ('REBATE','TRADE_IN','PRODUCT','FEE')");
                    table.CheckConstraint("ck_quote_lines_shape", "(kind = 'TRADE_IN') = (payoff IS NOT NULL) AND (kind = 'TRADE_IN' OR name IS NOT NULL)");
                    table.ForeignKey(
                        name: "FK_quote_lines_pricing_scenarios_dealership_id_quote_id",
                        columns: x => new { x.dealership_id, x.quote_id },
                        principalTable: "pricing_scenarios",
                        principalColumns: new[] { "dealership_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            // Existing rows become quotes before the constraints and the foreign key below check them. The defaults
            // above only fill existing rows: dropped again here, as the model has none (MigrationSchemaTests).
            migrationBuilder.Sql("""
                -- Settings: the doc fee becomes the first fee template, untaxed as scenarios have always priced it.
                UPDATE dealerships SET fee_templates = CASE WHEN doc_fee > 0
                    THEN jsonb_build_array(jsonb_build_object('name', 'Doc fee', 'amount', doc_fee, 'taxable', false))
                    ELSE '[]'::jsonb END;

                -- Each scenario: a DRAFT version-1 quote in USD, valid 7 days from its creation, last modified by the deal's
                -- creator, figures as the old finance maths made them (tax on price − trade-in; fees untaxed), which
                -- QuoteCalculator reproduces from the lines below.
                UPDATE pricing_scenarios s SET
                    expires_at = s.created_at + interval '7 days',
                    last_modified_at = s.updated_at,
                    last_modified_by = d.created_by,
                    taxable_amount = greatest(0, s.price - s.trade_in_value),
                    tax = round(greatest(0, s.price - s.trade_in_value) * s.tax_rate, 2),
                    total_of_payments = s.monthly_payment * s.term_months,
                    total_cost = s.down_payment + s.monthly_payment * s.term_months
                FROM deals d WHERE d.id = s.deal_id;
                INSERT INTO quote_lines (dealership_id, quote_id, kind, position, name, amount, taxable)
                    SELECT dealership_id, id, 'FEE', 0, 'Doc fee', fees, false FROM pricing_scenarios WHERE fees > 0;
                -- Old trade-ins were only a value and a payoff: the desk completes year/make/model on the next save.
                INSERT INTO quote_lines (dealership_id, quote_id, kind, position, amount, taxable, payoff)
                    SELECT dealership_id, id, 'TRADE_IN', 0, trade_in_value, false, trade_in_payoff
                    FROM pricing_scenarios WHERE trade_in_value > 0 OR trade_in_payoff > 0;
                INSERT INTO quote_history (dealership_id, quote_id, version, action, user_id, changed_at, changes)
                    SELECT dealership_id, id, 1, 'created', last_modified_by, created_at, '{}' FROM pricing_scenarios;

                ALTER TABLE pricing_scenarios
                    ALTER COLUMN currency DROP DEFAULT, ALTER COLUMN discount DROP DEFAULT, ALTER COLUMN expires_at DROP DEFAULT,
                    ALTER COLUMN last_modified_at DROP DEFAULT, ALTER COLUMN last_modified_by DROP DEFAULT,
                    ALTER COLUMN state DROP DEFAULT, ALTER COLUMN tax DROP DEFAULT, ALTER COLUMN taxable_amount DROP DEFAULT,
                    ALTER COLUMN total_cost DROP DEFAULT, ALTER COLUMN total_of_payments DROP DEFAULT,
                    ALTER COLUMN trade_in_reduces_taxable DROP DEFAULT, ALTER COLUMN version DROP DEFAULT;
                ALTER TABLE dealerships ALTER COLUMN trade_in_reduces_taxable DROP DEFAULT;
                """);
            migrationBuilder.Sql("""
                ALTER TABLE quote_lines ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON quote_lines
                    USING (dealership_id = app_current_dealership())
                    WITH CHECK (dealership_id = app_current_dealership());
                GRANT SELECT, INSERT, UPDATE, DELETE ON quote_lines TO dealdesk_app;

                -- The history is append-only for the app (deleting a quote cascades as the owner, like any foreign key action).
                ALTER TABLE quote_history ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON quote_history
                    USING (dealership_id = app_current_dealership())
                    WITH CHECK (dealership_id = app_current_dealership());
                GRANT SELECT, INSERT ON quote_history TO dealdesk_app;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_pricing_scenarios_dealership_id_last_modified_by",
                table: "pricing_scenarios",
                columns: new[] { "dealership_id", "last_modified_by" });

            migrationBuilder.AddCheckConstraint(
                name: "ck_pricing_scenarios_quote_inputs",
                table: "pricing_scenarios",
                sql: "discount >= 0 AND (residual_percent IS NULL OR residual_percent BETWEEN 1 AND 100) AND (money_factor IS NULL OR money_factor BETWEEN 0 AND 0.01) AND (annual_miles IS NULL OR annual_miles > 0) AND (due_at_signing IS NULL OR due_at_signing >= 0) AND currency ~ '^[A-Z]{3}$' AND version >= 1");

            migrationBuilder.AddCheckConstraint(
                name: "ck_pricing_scenarios_state",
                table: "pricing_scenarios",
                sql: "state IN ('DRAFT','SENT','ACCEPTED','REJECTED','EXPIRED','CANCELLED')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_dealerships_currencies",
                table: "dealerships",
                sql: "cardinality(allowed_currencies) >= 1");

            migrationBuilder.AddCheckConstraint(
                name: "ck_dealerships_down_payment_step",
                table: "dealerships",
                sql: "down_payment_step > 0");

            migrationBuilder.CreateIndex(
                name: "IX_quote_history_dealership_id_quote_id",
                table: "quote_history",
                columns: new[] { "dealership_id", "quote_id" });

            migrationBuilder.CreateIndex(
                name: "IX_quote_history_dealership_id_user_id",
                table: "quote_history",
                columns: new[] { "dealership_id", "user_id" });

            migrationBuilder.CreateIndex(
                name: "IX_quote_lines_dealership_id_quote_id",
                table: "quote_lines",
                columns: new[] { "dealership_id", "quote_id" });

            migrationBuilder.AddForeignKey(
                name: "FK_pricing_scenarios_users_dealership_id_last_modified_by",
                table: "pricing_scenarios",
                columns: new[] { "dealership_id", "last_modified_by" },
                principalTable: "users",
                principalColumns: new[] { "dealership_id", "id" },
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_pricing_scenarios_users_dealership_id_last_modified_by",
                table: "pricing_scenarios");

            migrationBuilder.DropTable(
                name: "quote_history");

            migrationBuilder.DropTable(
                name: "quote_lines");

            migrationBuilder.DropIndex(
                name: "IX_pricing_scenarios_dealership_id_last_modified_by",
                table: "pricing_scenarios");

            migrationBuilder.DropCheckConstraint(
                name: "ck_pricing_scenarios_quote_inputs",
                table: "pricing_scenarios");

            migrationBuilder.DropCheckConstraint(
                name: "ck_pricing_scenarios_state",
                table: "pricing_scenarios");

            migrationBuilder.DropCheckConstraint(
                name: "ck_dealerships_currencies",
                table: "dealerships");

            migrationBuilder.DropCheckConstraint(
                name: "ck_dealerships_down_payment_step",
                table: "dealerships");

            migrationBuilder.DropColumn(
                name: "cost",
                table: "vehicles");

            migrationBuilder.DropColumn(
                name: "annual_miles",
                table: "pricing_scenarios");

            migrationBuilder.DropColumn(
                name: "currency",
                table: "pricing_scenarios");

            migrationBuilder.DropColumn(
                name: "discount",
                table: "pricing_scenarios");

            migrationBuilder.DropColumn(
                name: "due_at_signing",
                table: "pricing_scenarios");

            migrationBuilder.DropColumn(
                name: "expires_at",
                table: "pricing_scenarios");

            migrationBuilder.DropColumn(
                name: "front_gross",
                table: "pricing_scenarios");

            migrationBuilder.DropColumn(
                name: "last_modified_at",
                table: "pricing_scenarios");

            migrationBuilder.DropColumn(
                name: "last_modified_by",
                table: "pricing_scenarios");

            migrationBuilder.DropColumn(
                name: "money_factor",
                table: "pricing_scenarios");

            migrationBuilder.DropColumn(
                name: "residual_percent",
                table: "pricing_scenarios");

            migrationBuilder.DropColumn(
                name: "state",
                table: "pricing_scenarios");

            migrationBuilder.DropColumn(
                name: "tax",
                table: "pricing_scenarios");

            migrationBuilder.DropColumn(
                name: "taxable_amount",
                table: "pricing_scenarios");

            migrationBuilder.DropColumn(
                name: "total_cost",
                table: "pricing_scenarios");

            migrationBuilder.DropColumn(
                name: "total_of_payments",
                table: "pricing_scenarios");

            migrationBuilder.DropColumn(
                name: "trade_in_reduces_taxable",
                table: "pricing_scenarios");

            migrationBuilder.DropColumn(
                name: "version",
                table: "pricing_scenarios");

            migrationBuilder.DropColumn(
                name: "allowed_currencies",
                table: "dealerships");

            migrationBuilder.DropColumn(
                name: "down_payment_step",
                table: "dealerships");

            migrationBuilder.DropColumn(
                name: "fee_templates",
                table: "dealerships");

            migrationBuilder.DropColumn(
                name: "trade_in_reduces_taxable",
                table: "dealerships");
        }
    }
}
