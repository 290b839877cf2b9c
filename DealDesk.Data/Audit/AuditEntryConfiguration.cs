using DealDesk.Data.Accounts;
using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealDesk.Data.Audit;

internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> e)
    {
        e.ToTable("audit_log");
        e.Property(a => a.Id).UseIdentityAlwaysColumn();
        e.Property(a => a.OccurredAt).HasDefaultValueSql("now()");
        e.Property(a => a.Action).HasMaxLength(64);
        e.Property(a => a.EntityType).HasMaxLength(32);
        e.Property(a => a.Metadata).HasColumnType("jsonb");
        e.HasIndex(a => new { a.DealershipId, a.EntityId });
        e.HasIndex(a => new { a.DealershipId, a.OccurredAt });
        e.HasOne<Dealership>().WithMany().HasForeignKey(a => a.DealershipId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AppUser>().WithMany().HasForeignKey(a => new { a.DealershipId, a.UserId })
            .HasPrincipalKey(u => new { u.DealershipId, u.Id }).OnDelete(DeleteBehavior.Restrict);
    }
}
