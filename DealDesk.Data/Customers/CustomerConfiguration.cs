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
        // The search matches every word with ILIKE '%word%' (digits against the phone's digits): only a trigram index
        // serves a leading wildcard. Used through app_customer_ids_matching (migration CustomerSearchIndexes).
        e.Property(c => c.PhoneDigits).HasMaxLength(20).HasComputedColumnSql(@"regexp_replace(phone, '\D', '', 'g')", stored: true);
        e.HasIndex(c => c.FirstName, "ix_customers_first_name_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        e.HasIndex(c => c.LastName, "ix_customers_last_name_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        e.HasIndex(c => c.Email, "ix_customers_email_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        e.HasIndex(c => c.PhoneDigits, "ix_customers_phone_digits_trgm").HasMethod("gin").HasOperators("gin_trgm_ops");
        e.HasOne<Dealership>().WithMany().HasForeignKey(c => c.DealershipId).OnDelete(DeleteBehavior.Restrict);
    }
}
