using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealDesk.Data.Inventory;

internal sealed class VehicleConfiguration : IEntityTypeConfiguration<Vehicle>
{
    public void Configure(EntityTypeBuilder<Vehicle> e)
    {
        e.ToTable("vehicles", t =>
        {
            t.HasCheckConstraint("ck_vehicles_status", "status IN ('available','pending','sold')");
            t.HasCheckConstraint("ck_vehicles_condition", "condition IN ('new','used','certified')");
            t.HasCheckConstraint("ck_vehicles_price", "price >= 0");
            t.HasCheckConstraint("ck_vehicles_mileage", "mileage >= 0");
        });
        e.Property(v => v.Id).HasDefaultValueSql("gen_random_uuid()");
        e.Property(v => v.Vin).HasMaxLength(17);
        e.Property(v => v.StockNumber).HasMaxLength(20);
        e.Property(v => v.Make).HasMaxLength(40);
        e.Property(v => v.Model).HasMaxLength(40);
        e.Property(v => v.Trim).HasMaxLength(40);
        e.Property(v => v.Price).HasColumnType("numeric(12,2)");
        e.Property(v => v.Cost).HasColumnType("numeric(12,2)");
        e.Property(v => v.Status).HasMaxLength(16);
        e.Property(v => v.ExteriorColor).HasMaxLength(40);
        e.Property(v => v.InteriorColor).HasMaxLength(40);
        e.Property(v => v.BodyStyle).HasMaxLength(30);
        // Defaults keep older writers (SQL fixtures, other features' inserts) working; the app always sends its values.
        e.Property(v => v.Mileage).HasDefaultValue(0);
        e.Property(v => v.Condition).HasMaxLength(16).HasDefaultValue(VehicleCondition.Used);
        e.Property(v => v.ReceivedOn).HasDefaultValueSql("CURRENT_DATE");
        e.Property(v => v.CreatedAt).HasDefaultValueSql("now()");
        e.Ignore(v => v.Title);
        e.HasAlternateKey(v => new { v.DealershipId, v.Id });
        e.HasIndex(v => new { v.DealershipId, v.Vin }).IsUnique();
        e.HasIndex(v => new { v.DealershipId, v.StockNumber }).IsUnique();
        e.HasIndex(v => new { v.DealershipId, v.Status });
        // The grid's orders, each ending on its tie-breaker, so page N is an index range scan rather than a sort.
        e.HasIndex(v => new { v.DealershipId, v.Price, v.StockNumber });
        e.HasIndex(v => new { v.DealershipId, v.Year, v.StockNumber });
        e.HasIndex(v => new { v.DealershipId, v.ReceivedOn, v.StockNumber });
        e.HasIndex(v => new { v.DealershipId, v.Make, v.Model, v.StockNumber });
        e.HasOne<Dealership>().WithMany().HasForeignKey(v => v.DealershipId).OnDelete(DeleteBehavior.Restrict);
    }
}
