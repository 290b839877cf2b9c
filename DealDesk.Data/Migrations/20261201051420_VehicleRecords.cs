using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DealDesk.Data.Migrations
{
    /// <inheritdoc />
    public partial class VehicleRecords : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "body_style",
                table: "vehicles",
                type: "character varying(30)",
                maxLength: 30,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "condition",
                table: "vehicles",
                type: "character varying(16)",
                maxLength: 16,
                nullable: false,
                defaultValue: "used");

            migrationBuilder.AddColumn<string>(
                name: "exterior_color",
                table: "vehicles",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "interior_color",
                table: "vehicles",
                type: "character varying(40)",
                maxLength: 40,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "mileage",
                table: "vehicles",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "received_on",
                table: "vehicles",
                type: "date",
                nullable: false,
                defaultValueSql: "CURRENT_DATE");

            migrationBuilder.CreateTable(
                name: "vehicle_history",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityAlwaysColumn),
                    dealership_id = table.Column<Guid>(type: "uuid", nullable: false),
                    vehicle_id = table.Column<Guid>(type: "uuid", nullable: false),
                    occurred_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    kind = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    old_value = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    new_value = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    changed_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_vehicle_history", x => x.id);
                    table.CheckConstraint("ck_vehicle_history_kind", "kind IN ('price','status')");
                    table.ForeignKey(
                        name: "FK_vehicle_history_dealerships_dealership_id",
                        column: x => x.dealership_id,
                        principalTable: "dealerships",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_vehicle_history_users_dealership_id_changed_by",
                        columns: x => new { x.dealership_id, x.changed_by },
                        principalTable: "users",
                        principalColumns: new[] { "dealership_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_vehicle_history_vehicles_dealership_id_vehicle_id",
                        columns: x => new { x.dealership_id, x.vehicle_id },
                        principalTable: "vehicles",
                        principalColumns: new[] { "dealership_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_vehicles_dealership_id_make_model_stock_number",
                table: "vehicles",
                columns: new[] { "dealership_id", "make", "model", "stock_number" });

            migrationBuilder.CreateIndex(
                name: "IX_vehicles_dealership_id_price_stock_number",
                table: "vehicles",
                columns: new[] { "dealership_id", "price", "stock_number" });

            migrationBuilder.CreateIndex(
                name: "IX_vehicles_dealership_id_received_on_stock_number",
                table: "vehicles",
                columns: new[] { "dealership_id", "received_on", "stock_number" });

            migrationBuilder.CreateIndex(
                name: "IX_vehicles_dealership_id_year_stock_number",
                table: "vehicles",
                columns: new[] { "dealership_id", "year", "stock_number" });

            migrationBuilder.AddCheckConstraint(
                name: "ck_vehicles_condition",
                table: "vehicles",
                sql: "condition IN ('new','used','certified')");

            migrationBuilder.AddCheckConstraint(
                name: "ck_vehicles_mileage",
                table: "vehicles",
                sql: "mileage >= 0");

            migrationBuilder.AddCheckConstraint(
                name: "ck_vehicles_price",
                table: "vehicles",
                sql: "price >= 0");

            migrationBuilder.CreateIndex(
                name: "IX_vehicle_history_dealership_id_changed_by",
                table: "vehicle_history",
                columns: new[] { "dealership_id", "changed_by" });

            migrationBuilder.CreateIndex(
                name: "IX_vehicle_history_dealership_id_vehicle_id_occurred_at",
                table: "vehicle_history",
                columns: new[] { "dealership_id", "vehicle_id", "occurred_at" });

            // Vehicles from before this migration arrived when they were entered.
            migrationBuilder.Sql("UPDATE vehicles SET received_on = created_at::date;");

            // vehicle_history is a tenant table (docs/migrations.md) and append-only for the app, like the audit log.
            // The trigger writes it for every price or status change, whoever makes it (an edit, an import, a deal):
            // it runs as the invoking app role under the same row-level security, so it can only write the
            // changed vehicle's own dealership. A unit of work that sets app.user_id is named as the one who changed it.
            migrationBuilder.Sql("""
                ALTER TABLE vehicle_history ENABLE ROW LEVEL SECURITY;
                CREATE POLICY tenant_isolation ON vehicle_history
                    USING (dealership_id = app_current_dealership())
                    WITH CHECK (dealership_id = app_current_dealership());
                GRANT SELECT, INSERT ON vehicle_history TO dealdesk_app;
                GRANT USAGE, SELECT ON SEQUENCE vehicle_history_id_seq TO dealdesk_app;

                CREATE FUNCTION app_record_vehicle_history() RETURNS trigger
                    LANGUAGE plpgsql SET search_path = public
                    AS $$
                DECLARE actor uuid := NULLIF(current_setting('app.user_id', true), '')::uuid;
                BEGIN
                    IF NEW.price IS DISTINCT FROM OLD.price THEN
                        INSERT INTO vehicle_history (dealership_id, vehicle_id, kind, old_value, new_value, changed_by)
                        VALUES (NEW.dealership_id, NEW.id, 'price', OLD.price::text, NEW.price::text, actor);
                    END IF;
                    IF NEW.status IS DISTINCT FROM OLD.status THEN
                        INSERT INTO vehicle_history (dealership_id, vehicle_id, kind, old_value, new_value, changed_by)
                        VALUES (NEW.dealership_id, NEW.id, 'status', OLD.status, NEW.status, actor);
                    END IF;
                    RETURN NULL;
                END $$;
                CREATE TRIGGER vehicle_history_on_change AFTER UPDATE OF price, status ON vehicles
                    FOR EACH ROW EXECUTE FUNCTION app_record_vehicle_history();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER vehicle_history_on_change ON vehicles;
                DROP FUNCTION app_record_vehicle_history();
                """);

            migrationBuilder.DropTable(
                name: "vehicle_history");

            migrationBuilder.DropIndex(
                name: "IX_vehicles_dealership_id_make_model_stock_number",
                table: "vehicles");

            migrationBuilder.DropIndex(
                name: "IX_vehicles_dealership_id_price_stock_number",
                table: "vehicles");

            migrationBuilder.DropIndex(
                name: "IX_vehicles_dealership_id_received_on_stock_number",
                table: "vehicles");

            migrationBuilder.DropIndex(
                name: "IX_vehicles_dealership_id_year_stock_number",
                table: "vehicles");

            migrationBuilder.DropCheckConstraint(
                name: "ck_vehicles_condition",
                table: "vehicles");

            migrationBuilder.DropCheckConstraint(
                name: "ck_vehicles_mileage",
                table: "vehicles");

            migrationBuilder.DropCheckConstraint(
                name: "ck_vehicles_price",
                table: "vehicles");

            migrationBuilder.DropColumn(
                name: "body_style",
                table: "vehicles");

            migrationBuilder.DropColumn(
                name: "condition",
                table: "vehicles");

            migrationBuilder.DropColumn(
                name: "exterior_color",
                table: "vehicles");

            migrationBuilder.DropColumn(
                name: "interior_color",
                table: "vehicles");

            migrationBuilder.DropColumn(
                name: "mileage",
                table: "vehicles");

            migrationBuilder.DropColumn(
                name: "received_on",
                table: "vehicles");
        }
    }
}
