using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealDesk.Data.Customers;

internal sealed class CustomerConfiguration : IEntityTypeConfiguration<Customer>
{
    public void Configure(EntityTypeBuilder<Customer> e)
    {
        e.ToTable("customers");
        e.Property(c => c.Id).HasDefaultValueSql("gen_random_uuid()");
        e.Property(c => c.FirstName).HasMaxLength(80);
        e.Property(c => c.LastName).HasMaxLength(80);
        e.Property(c => c.Email).HasMaxLength(254);
        e.Property(c => c.Phone).HasMaxLength(20);
        e.Property(c => c.Address).HasMaxLength(200);
        e.Property(c => c.City).HasMaxLength(80);
        e.Property(c => c.State).HasMaxLength(40);
        e.Property(c => c.ZipCode).HasMaxLength(20);
        e.Property(c => c.CreatedAt).HasDefaultValueSql("now()");
        e.Ignore(c => c.FullName);
        e.HasAlternateKey(c => new { c.DealershipId, c.Id });
        e.HasIndex(c => new { c.DealershipId, c.LastName, c.FirstName });
        e.HasOne<Dealership>().WithMany().HasForeignKey(c => c.DealershipId).OnDelete(DeleteBehavior.Restrict);
    }
}
