using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DealDesk.Data.Migrations
{
    /// <summary>
    /// The lead inbox (issue 8): leads, their WhatsApp conversations and messages (outbound ones in status queued are the
    /// outbox), the round-robin counter, the dealership's WhatsApp number and round-robin switch; RLS, grants and the
    /// functions in Migrations/Sql/leads.sql.
    /// </summary>
    public partial class Leads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "lead_round_robin",
                table: "dealerships",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "whatsapp_phone_number_id",
                table: "dealerships",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "lead_assignment_counters",
                columns: table => new
                {
                    dealership_id = table.Column<Guid>(type: "uuid", nullable: false),
                    last_value = table.Column<long>(type: "bigint", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_lead_assignment_counters", x => x.dealership_id);
                    table.ForeignKey(
                        name: "FK_lead_assignment_counters_dealerships_dealership_id",
                        column: x => x.dealership_id,
                        principalTable: "dealerships",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "leads",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    dealership_id = table.Column<Guid>(type: "uuid", nullable: false),
                    customer_phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    customer_name = table.Column<string>(type: "character varying(160)", maxLength: 160, nullable: false),
                    type = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    details = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    assigned_to = table.Column<Guid>(type: "uuid", nullable: true),
                    deal_id = table.Column<Guid>(type: "uuid", nullable: true),
                    notes = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    first_response_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_leads", x => x.id);
                    table.UniqueConstraint("AK_leads_dealership_id_id", x => new { x.dealership_id, x.id });
                    table.CheckConstraint("ck_leads_converted", "(status = 'converted') = (deal_id IS NOT NULL)");
                    table.CheckConstraint("ck_leads_source", "source IN ('whatsapp','web','phone','walk_in','import')");
                    table.CheckConstraint("ck_leads_status", "status IN ('new','contacted','qualified','converted','lost')");
                    table.CheckConstraint("ck_leads_type", "type IN ('vehicle_inquiry','test_drive','trade_in','financing','service','other')");
                    table.ForeignKey(
                        name: "FK_leads_dealerships_dealership_id",
                        column: x => x.dealership_id,
                        principalTable: "dealerships",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_leads_deals_dealership_id_deal_id",
                        columns: x => new { x.dealership_id, x.deal_id },
                        principalTable: "deals",
                        principalColumns: new[] { "dealership_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_leads_users_dealership_id_assigned_to",
                        columns: x => new { x.dealership_id, x.assigned_to },
                        principalTable: "users",
                        principalColumns: new[] { "dealership_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "conversations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    dealership_id = table.Column<Guid>(type: "uuid", nullable: false),
                    lead_id = table.Column<Guid>(type: "uuid", nullable: false),
                    channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    customer_phone = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    last_inbound_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    last_message_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    unread_count = table.Column<int>(type: "integer", nullable: false),
                    opted_out = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_conversations", x => x.id);
                    table.UniqueConstraint("AK_conversations_dealership_id_id", x => new { x.dealership_id, x.id });
                    table.CheckConstraint("ck_conversations_channel", "channel IN ('whatsapp')");
                    table.CheckConstraint("ck_conversations_status", "status IN ('active','closed')");
                    table.CheckConstraint("ck_conversations_unread", "unread_count >= 0");
                    table.ForeignKey(
                        name: "FK_conversations_leads_dealership_id_lead_id",
                        columns: x => new { x.dealership_id, x.lead_id },
                        principalTable: "leads",
                        principalColumns: new[] { "dealership_id", "id" },
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "messages",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false, defaultValueSql: "gen_random_uuid()"),
                    dealership_id = table.Column<Guid>(type: "uuid", nullable: false),
                    conversation_id = table.Column<Guid>(type: "uuid", nullable: false),
                    direction = table.Column<string>(type: "character varying(8)", maxLength: 8, nullable: false),
                    body = table.Column<string>(type: "character varying(4096)", maxLength: 4096, nullable: false),
                    provider_message_id = table.Column<string>(type: "character varying(128)", maxLength: 128, nullable: true),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    idempotency_ref = table.Column<Guid>(type: "uuid", nullable: true),
                    error = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    sent_by = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()"),
                    status_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false, defaultValueSql: "now()")
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_messages", x => x.id);
                    table.UniqueConstraint("AK_messages_dealership_id_id", x => new { x.dealership_id, x.id });
                    table.CheckConstraint("ck_messages_direction", "direction IN ('inbound','outbound')");
                    table.CheckConstraint("ck_messages_outbound_ref", "(direction = 'outbound') = (idempotency_ref IS NOT NULL)");
                    table.CheckConstraint("ck_messages_status", "(direction = 'inbound' AND status = 'received') OR (direction = 'outbound' AND status IN ('queued','sending','sent','delivered','read','failed'))");
                    table.ForeignKey(
                        name: "FK_messages_conversations_dealership_id_conversation_id",
                        columns: x => new { x.dealership_id, x.conversation_id },
                        principalTable: "conversations",
                        principalColumns: new[] { "dealership_id", "id" },
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_dealerships_whatsapp_phone_number_id",
                table: "dealerships",
                column: "whatsapp_phone_number_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_conversations_dealership_id_last_message_at",
                table: "conversations",
                columns: new[] { "dealership_id", "last_message_at" });

            migrationBuilder.CreateIndex(
                name: "IX_conversations_dealership_id_lead_id",
                table: "conversations",
                columns: new[] { "dealership_id", "lead_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ux_conversations_active_phone",
                table: "conversations",
                columns: new[] { "dealership_id", "customer_phone" },
                unique: true,
                filter: "status = 'active'");

            migrationBuilder.CreateIndex(
                name: "IX_leads_dealership_id_assigned_to",
                table: "leads",
                columns: new[] { "dealership_id", "assigned_to" });

            migrationBuilder.CreateIndex(
                name: "IX_leads_dealership_id_customer_phone",
                table: "leads",
                columns: new[] { "dealership_id", "customer_phone" });

            migrationBuilder.CreateIndex(
                name: "IX_leads_dealership_id_deal_id",
                table: "leads",
                columns: new[] { "dealership_id", "deal_id" });

            migrationBuilder.CreateIndex(
                name: "IX_leads_dealership_id_status_created_at",
                table: "leads",
                columns: new[] { "dealership_id", "status", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_messages_dealership_id_conversation_id_created_at",
                table: "messages",
                columns: new[] { "dealership_id", "conversation_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "IX_messages_dealership_id_idempotency_ref",
                table: "messages",
                columns: new[] { "dealership_id", "idempotency_ref" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_messages_dealership_id_provider_message_id",
                table: "messages",
                columns: new[] { "dealership_id", "provider_message_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_messages_outbox",
                table: "messages",
                columns: new[] { "status", "created_at" },
                filter: "status IN ('queued','sending')");

            migrationBuilder.Sql(SqlScript.Load("leads.sql"));
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP FUNCTION create_lead_with_conversation; DROP FUNCTION lead_round_robin_next; DROP FUNCTION app_dealership_for_whatsapp_number; DROP FUNCTION app_whatsapp_outbox_dealerships;");
            migrationBuilder.DropTable(
                name: "lead_assignment_counters");

            migrationBuilder.DropTable(
                name: "messages");

            migrationBuilder.DropTable(
                name: "conversations");

            migrationBuilder.DropTable(
                name: "leads");

            migrationBuilder.DropIndex(
                name: "IX_dealerships_whatsapp_phone_number_id",
                table: "dealerships");

            migrationBuilder.DropColumn(
                name: "lead_round_robin",
                table: "dealerships");

            migrationBuilder.DropColumn(
                name: "whatsapp_phone_number_id",
                table: "dealerships");
        }
    }
}
