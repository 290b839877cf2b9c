using DealDesk.Data.Accounts;
using DealDesk.Data.Customers;
using DealDesk.Data.Inventory;
using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealDesk.Data.Deals;

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> e)
    {
        e.ToTable("deals", t => t.HasCheckConstraint("ck_deals_state", "state IN ('DRAFT','DELIVERED','CANCELLED')"));
        e.Property(d => d.Id).HasDefaultValueSql("gen_random_uuid()");
        e.Property(d => d.DealNumber).HasMaxLength(24);
        e.Property(d => d.State).HasMaxLength(16);
        e.Property(d => d.CreatedAt).HasDefaultValueSql("now()");
        e.Property(d => d.UpdatedAt).HasDefaultValueSql("now()");
        e.HasAlternateKey(d => new { d.DealershipId, d.Id });
        e.HasIndex(d => new { d.DealershipId, d.DealNumber }).IsUnique();
        e.HasIndex(d => new { d.DealershipId, d.State, d.CreatedAt });
        // A vehicle is on at most one open deal, whatever the code does.
        e.HasIndex(d => new { d.DealershipId, d.VehicleId }).IsUnique()
            .HasDatabaseName("ux_deals_open_vehicle")
            .HasFilter("vehicle_id IS NOT NULL AND state NOT IN ('DELIVERED','CANCELLED')");
        e.HasOne<Dealership>().WithMany().HasForeignKey(d => d.DealershipId).OnDelete(DeleteBehavior.Restrict);
        // Composite keys: a deal can only point at its own dealership's customer, vehicle and people.
        e.HasOne<Customer>().WithMany().HasForeignKey(d => new { d.DealershipId, d.CustomerId })
            .HasPrincipalKey(c => new { c.DealershipId, c.Id }).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Vehicle>().WithMany().HasForeignKey(d => new { d.DealershipId, d.VehicleId })
            .HasPrincipalKey(v => new { v.DealershipId, v.Id }).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AppUser>().WithMany().HasForeignKey(d => new { d.DealershipId, d.SalespersonId })
            .HasPrincipalKey(u => new { u.DealershipId, u.Id }).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AppUser>().WithMany().HasForeignKey(d => new { d.DealershipId, d.CreatedBy })
            .HasPrincipalKey(u => new { u.DealershipId, u.Id }).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<PricingScenario>().WithMany().HasForeignKey(d => new { d.DealershipId, d.ActiveScenarioId })
            .HasPrincipalKey(s => new { s.DealershipId, s.Id }).OnDelete(DeleteBehavior.Restrict);
    }
}
