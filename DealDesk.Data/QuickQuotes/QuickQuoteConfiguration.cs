using DealDesk.Data.Accounts;
using DealDesk.Data.Deals;
using DealDesk.Data.Inventory;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealDesk.Data.QuickQuotes;

internal sealed class QuickQuoteConfiguration : IEntityTypeConfiguration<QuickQuote>
{
    public void Configure(EntityTypeBuilder<QuickQuote> e)
    {
        e.ToTable("quick_quotes", t =>
        {
            t.HasCheckConstraint("ck_quick_quotes_status", "status IN ('OPEN','CONVERTED')");
            t.HasCheckConstraint("ck_quick_quotes_converted", "(status = 'CONVERTED') = (converted_deal_id IS NOT NULL)");
        });
        e.Property(q => q.Id).HasDefaultValueSql("gen_random_uuid()");
        e.Property(q => q.CustomerName).HasMaxLength(160);
        e.Property(q => q.CustomerPhone).HasMaxLength(20);
        e.Property(q => q.Status).HasMaxLength(16);
        foreach (var money in new[] { nameof(QuickQuote.Price), nameof(QuickQuote.DownPayment), nameof(QuickQuote.TradeInValue), nameof(QuickQuote.MonthlyPayment) })
            e.Property(money).HasColumnType("numeric(12,2)");
        e.Property(q => q.Apr).HasColumnType("numeric(7,4)");
        e.Property(q => q.CreatedAt).HasDefaultValueSql("now()");
        e.HasAlternateKey(q => new { q.DealershipId, q.Id });
        e.HasIndex(q => new { q.DealershipId, q.CreatedAt });
        e.HasOne<Tenancy.Dealership>().WithMany().HasForeignKey(q => q.DealershipId).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<AppUser>().WithMany().HasForeignKey(q => new { q.DealershipId, q.SalespersonId })
            .HasPrincipalKey(u => new { u.DealershipId, u.Id }).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Vehicle>().WithMany().HasForeignKey(q => new { q.DealershipId, q.VehicleId })
            .HasPrincipalKey(v => new { v.DealershipId, v.Id }).OnDelete(DeleteBehavior.Restrict);
        e.HasOne<Deal>().WithMany().HasForeignKey(q => new { q.DealershipId, q.ConvertedDealId })
            .HasPrincipalKey(d => new { d.DealershipId, d.Id }).OnDelete(DeleteBehavior.Restrict);
    }
}
