using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealDesk.Data.Migrations
{
    /// <summary>
    /// The customer search at scale. Every word is matched with ILIKE '%word%' against first name, last name and email,
    /// digit runs against the phone's digits (a stored generated column now): a b-tree cannot serve a leading wildcard,
    /// so each search read all of the dealership's customers. Trigram indexes (pg_trgm, a trusted extension the database
    /// owner may create) serve it, but not under row-level security: the policy is evaluated before any operator that is
    /// not leakproof, and ILIKE is not, so the planner never used them. Hence the SECURITY DEFINER lookup below, which
    /// reads as the owner and filters by the caller's tenant itself. Measured with the bench's records level (222,500
    /// customers in the largest dealership): customer list by phone digits p50 807 ms → 19 ms, by name 350 ms → 48 ms.
    /// </summary>
    public partial class CustomerSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AlterDatabase()
                .Annotation("Npgsql:PostgresExtension:pg_trgm", ",,");

            migrationBuilder.AddColumn<string>(
                name: "phone_digits",
                table: "customers",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true,
                computedColumnSql: "regexp_replace(phone, '\\D', '', 'g')",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "ix_customers_email_trgm",
                table: "customers",
                column: "email")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_first_name_trgm",
                table: "customers",
                column: "first_name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_last_name_trgm",
                table: "customers",
                column: "last_name")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            migrationBuilder.CreateIndex(
                name: "ix_customers_phone_digits_trgm",
                table: "customers",
                column: "phone_digits")
                .Annotation("Npgsql:IndexMethod", "gin")
                .Annotation("Npgsql:IndexOperators", new[] { "gin_trgm_ops" });

            // Ids of the current tenant's customers whose name or email is ILIKE p_pattern, or whose phone digits contain
            // p_digits (NULL: not searched by phone). app_current_dealership() is the caller's tenant: with none set it is
            // NULL and nothing matches, so this reads nothing the caller could not read itself.
            migrationBuilder.Sql("""
                CREATE FUNCTION app_customer_ids_matching(p_pattern text, p_digits text) RETURNS SETOF uuid
                    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = public
                    AS $$
                        SELECT id FROM customers
                        WHERE dealership_id = app_current_dealership()
                          AND (first_name ILIKE p_pattern OR last_name ILIKE p_pattern OR email ILIKE p_pattern
                               OR phone_digits LIKE '%' || p_digits || '%')
                    $$;
                REVOKE ALL ON FUNCTION app_customer_ids_matching(text, text) FROM PUBLIC;
                GRANT EXECUTE ON FUNCTION app_customer_ids_matching(text, text) TO dealdesk_app;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION IF EXISTS app_customer_ids_matching(text, text);");

            migrationBuilder.DropIndex(
                name: "ix_customers_email_trgm",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_first_name_trgm",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_last_name_trgm",
                table: "customers");

            migrationBuilder.DropIndex(
                name: "ix_customers_phone_digits_trgm",
                table: "customers");

            migrationBuilder.DropColumn(
                name: "phone_digits",
                table: "customers");

            migrationBuilder.AlterDatabase()
                .OldAnnotation("Npgsql:PostgresExtension:pg_trgm", ",,");
        }
    }
}
