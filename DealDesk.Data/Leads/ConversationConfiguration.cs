using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealDesk.Data.Leads;

internal sealed class ConversationConfiguration : IEntityTypeConfiguration<Conversation>
{
    public void Configure(EntityTypeBuilder<Conversation> e)
    {
        e.ToTable("conversations", t =>
        {
            t.HasCheckConstraint("ck_conversations_channel", "channel IN ('whatsapp')");
            t.HasCheckConstraint("ck_conversations_status", "status IN ('active','closed')");
            t.HasCheckConstraint("ck_conversations_unread", "unread_count >= 0");
        });
        e.Property(c => c.Id).HasDefaultValueSql("gen_random_uuid()");
        e.Property(c => c.Channel).HasMaxLength(16);
        e.Property(c => c.CustomerPhone).HasMaxLength(20);
        e.Property(c => c.Status).HasMaxLength(16);
        e.Property(c => c.CreatedAt).HasDefaultValueSql("now()");
        e.HasAlternateKey(c => new { c.DealershipId, c.Id });
        // One active conversation per customer phone: the arbiter of INSERT ... ON CONFLICT in
        // create_lead_with_conversation, which makes simultaneous first messages from one number meet in one row.
        e.HasIndex(c => new { c.DealershipId, c.CustomerPhone }).IsUnique()
            .HasDatabaseName("ux_conversations_active_phone").HasFilter("status = 'active'");
        e.HasIndex(c => new { c.DealershipId, c.LastMessageAt });
        e.HasIndex(c => new { c.DealershipId, c.LeadId }).IsUnique();
        e.HasOne<Lead>().WithMany().HasForeignKey(c => new { c.DealershipId, c.LeadId })
            .HasPrincipalKey(l => new { l.DealershipId, l.Id }).OnDelete(DeleteBehavior.Restrict);
    }
}
