using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealDesk.Data.Deals;

internal sealed class PricingScenarioConfiguration : IEntityTypeConfiguration<PricingScenario>
{
    public void Configure(EntityTypeBuilder<PricingScenario> e)
    {
        e.ToTable("pricing_scenarios", t =>
        {
            t.HasCheckConstraint("ck_pricing_scenarios_kind", "kind IN ('FINANCE','LEASE','CASH')");
            t.HasCheckConstraint("ck_pricing_scenarios_amounts", "price >= 0 AND down_payment >= 0 AND trade_in_value >= 0 AND trade_in_payoff >= 0 AND fees >= 0");
            t.HasCheckConstraint("ck_pricing_scenarios_terms", "term_months BETWEEN 1 AND 120 AND apr BETWEEN 0 AND 30 AND tax_rate BETWEEN 0 AND 1");
        });
        e.Property(s => s.Id).HasDefaultValueSql("gen_random_uuid()");
        e.Property(s => s.Name).HasMaxLength(60);
        e.Property(s => s.Kind).HasMaxLength(8);
        foreach (var money in new[] { nameof(PricingScenario.Price), nameof(PricingScenario.DownPayment), nameof(PricingScenario.TradeInValue),
                     nameof(PricingScenario.TradeInPayoff), nameof(PricingScenario.Fees), nameof(PricingScenario.AmountFinanced), nameof(PricingScenario.MonthlyPayment) })
            e.Property(money).HasColumnType("numeric(12,2)");
        e.Property(s => s.Apr).HasColumnType("numeric(7,4)");
        e.Property(s => s.TaxRate).HasColumnType("numeric(7,4)");
        e.Property(s => s.CreatedAt).HasDefaultValueSql("now()");
        e.Property(s => s.UpdatedAt).HasDefaultValueSql("now()");
        e.HasAlternateKey(s => new { s.DealershipId, s.Id });
        e.HasIndex(s => new { s.DealershipId, s.DealId });
        e.HasOne<Deal>().WithMany().HasForeignKey(s => new { s.DealershipId, s.DealId })
            .HasPrincipalKey(d => new { d.DealershipId, d.Id }).OnDelete(DeleteBehavior.Cascade);
    }
}
