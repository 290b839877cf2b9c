using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealDesk.Data.Tenancy;

internal sealed class DealershipConfiguration : IEntityTypeConfiguration<Dealership>
{
    public void Configure(EntityTypeBuilder<Dealership> e)
    {
        e.ToTable("dealerships");
        e.Property(d => d.Id).HasDefaultValueSql("gen_random_uuid()");
        e.Property(d => d.Name).HasMaxLength(120);
        e.Property(d => d.TimeZone).HasMaxLength(64);
        e.Property(d => d.DefaultTaxRate).HasColumnType("numeric(7,4)");
        e.Property(d => d.DefaultApr).HasColumnType("numeric(7,4)");
        e.Property(d => d.DocFee).HasColumnType("numeric(12,2)");
        e.Property(d => d.CreatedAt).HasDefaultValueSql("now()");
    }
}
