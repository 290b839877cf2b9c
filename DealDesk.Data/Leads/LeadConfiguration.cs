using DealDesk.Data.Accounts;
using DealDesk.Data.Deals;
using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealDesk.Data.Leads;

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> e)
    {
        e.ToTable("leads", t =>
        {
            t.HasCheckConstraint("ck_leads_type", "type IN ('vehicle_inquiry','test_drive','trade_in','financing','service','other')");
            t.HasCheckConstraint("ck_leads_status", "status IN ('new','contacted','qualified','converted','lost')");
            t.HasCheckConstraint("ck_leads_source", "source IN ('whatsapp','web','phone','walk_in','import')");
            // A converted lead names its deal, and only a converted one does.
            t.HasCheckConstraint("ck_leads_converted", "(status = 'converted') = (deal_id IS NOT NULL)");
        });
        e.Property(l => l.Id).HasDefaultValueSql("gen_random_uuid()");
        e.Property(l => l.CustomerPhone).HasMaxLength(20);
        e.Property(l => l.CustomerName).HasMaxLength(160);
        e.Property(l => l.Type).HasMaxLength(20);
        e.Property(l => l.Status).HasMaxLength(16);
        e.Property(l => l.Source).HasMaxLength(16);
        e.Property(l => l.Details).HasMaxLength(2000);
        e.Property(l => l.Notes).HasMaxLength(4000);
        e.Property(l => l.CreatedAt).HasDefaultValueSql("now()");
        e.Property(l => l.UpdatedAt).HasDefaultValueSql("now()");
        e.HasAlternateKey(l => new { l.DealershipId, l.Id });
        e.HasIndex(l => new { l.DealershipId, l.Status, l.CreatedAt });
        e.HasIndex(l => new { l.DealershipId, l.CustomerPhone });
        e.HasOne<Dealership>().WithMany().HasForeignKey(l => l.DealershipId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AppUser>().WithMany().HasForeignKey(l => new { l.DealershipId, l.AssignedTo })
            .HasPrincipalKey(u => new { u.DealershipId, u.Id }).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Deal>().WithMany().HasForeignKey(l => new { l.DealershipId, l.DealId })
            .HasPrincipalKey(d => new { d.DealershipId, d.Id }).OnDelete(DeleteBehavior.Restrict);
    }
}
