using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealDesk.Data.Leads;

internal sealed class MessageConfiguration : IEntityTypeConfiguration<Message>
{
    public void Configure(EntityTypeBuilder<Message> e)
    {
        e.ToTable("messages", t =>
        {
            t.HasCheckConstraint("ck_messages_direction", "direction IN ('inbound','outbound')");
            t.HasCheckConstraint("ck_messages_status",
                "(direction = 'inbound' AND status = 'received') OR (direction = 'outbound' AND status IN ('queued','sending','sent','delivered','read','failed'))");
            t.HasCheckConstraint("ck_messages_outbound_ref", "(direction = 'outbound') = (idempotency_ref IS NOT NULL)");
        });
        e.Property(m => m.Id).HasDefaultValueSql("gen_random_uuid()");
        e.Property(m => m.Direction).HasMaxLength(8);
        e.Property(m => m.Body).HasMaxLength(4096);
        e.Property(m => m.ProviderMessageId).HasMaxLength(128);
        e.Property(m => m.Status).HasMaxLength(16);
        e.Property(m => m.Error).HasMaxLength(1000);
        e.Property(m => m.CreatedAt).HasDefaultValueSql("now()");
        e.Property(m => m.StatusAt).HasDefaultValueSql("now()");
        e.HasAlternateKey(m => new { m.DealershipId, m.Id });
        e.HasIndex(m => new { m.DealershipId, m.ProviderMessageId }).IsUnique();
        e.HasIndex(m => new { m.DealershipId, m.IdempotencyRef }).IsUnique();
        e.HasIndex(m => new { m.DealershipId, m.ConversationId, m.CreatedAt });
        // The outbox: the sender's claim scans only unsent outbound messages.
        e.HasIndex(m => new { m.Status, m.CreatedAt }).HasDatabaseName("ix_messages_outbox")
            .HasFilter("status IN ('queued','sending')");
        e.HasOne<Conversation>().WithMany().HasForeignKey(m => new { m.DealershipId, m.ConversationId })
            .HasPrincipalKey(c => new { c.DealershipId, c.Id }).OnDelete(DeleteBehavior.Cascade);
    }
}
