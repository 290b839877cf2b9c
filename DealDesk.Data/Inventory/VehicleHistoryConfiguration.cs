using DealDesk.Data.Accounts;
using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealDesk.Data.Inventory;

internal sealed class VehicleHistoryConfiguration : IEntityTypeConfiguration<VehicleHistoryEntry>
{
    public void Configure(EntityTypeBuilder<VehicleHistoryEntry> e)
    {
        e.ToTable("vehicle_history", t => t.HasCheckConstraint("ck_vehicle_history_kind", "kind IN ('price','status')"));
        e.Property(h => h.Id).UseIdentityAlwaysColumn();
        e.Property(h => h.OccurredAt).HasDefaultValueSql("now()");
        e.Property(h => h.Kind).HasMaxLength(16);
        e.Property(h => h.OldValue).HasMaxLength(40);
        e.Property(h => h.NewValue).HasMaxLength(40);
        e.HasIndex(h => new { h.DealershipId, h.VehicleId, h.OccurredAt });
        e.HasOne<Dealership>().WithMany().HasForeignKey(h => h.DealershipId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Vehicle>().WithMany().HasForeignKey(h => new { h.DealershipId, h.VehicleId })
            .HasPrincipalKey(v => new { v.DealershipId, v.Id }).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AppUser>().WithMany().HasForeignKey(h => new { h.DealershipId, h.ChangedBy })
            .HasPrincipalKey(u => new { u.DealershipId, u.Id }).OnDelete(DeleteBehavior.Restrict);
    }
}
