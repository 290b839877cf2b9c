using DealDesk.Data.Accounts;
using DealDesk.Data.Deals;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealDesk.Data.Quotes;

/// <summary>The quote columns of pricing_scenarios (PricingScenarioConfiguration maps the scenario's own).</summary>
internal sealed class QuoteConfiguration : IEntityTypeConfiguration<PricingScenario>
{
    public void Configure(EntityTypeBuilder<PricingScenario> e)
    {
        e.ToTable("pricing_scenarios", t =>
        {
            t.HasCheckConstraint("ck_pricing_scenarios_state", "state IN ('DRAFT','SENT','ACCEPTED','REJECTED','EXPIRED','CANCELLED')");
            t.HasCheckConstraint("ck_pricing_scenarios_quote_inputs",
                "discount >= 0 AND (residual_percent IS NULL OR residual_percent BETWEEN 1 AND 100) " +
                "AND (money_factor IS NULL OR money_factor BETWEEN 0 AND 0.01) AND (annual_miles IS NULL OR annual_miles > 0) " +
                "AND (due_at_signing IS NULL OR due_at_signing >= 0) AND currency ~ '^[A-Z]{3}$' AND version >= 1");
        });
        e.Property(s => s.Discount).HasColumnType("numeric(12,2)");
        e.Property(s => s.ResidualPercent).HasColumnType("numeric(7,4)");
        e.Property(s => s.MoneyFactor).HasColumnType("numeric(8,6)");
        e.Property(s => s.DueAtSigning).HasColumnType("numeric(12,2)");
        e.Property(s => s.Currency).HasMaxLength(3);
        foreach (var money in new[] { nameof(PricingScenario.TaxableAmount), nameof(PricingScenario.Tax), nameof(PricingScenario.TotalOfPayments),
                     nameof(PricingScenario.TotalCost), nameof(PricingScenario.FrontGross) })
            e.Property(money).HasColumnType("numeric(12,2)");
        e.Property(s => s.State).HasMaxLength(16);
        e.Property(s => s.Version).IsConcurrencyToken();
        e.HasOne<AppUser>().WithMany().HasForeignKey(s => new { s.DealershipId, s.LastModifiedBy })
            .HasPrincipalKey(u => new { u.DealershipId, u.Id }).OnDelete(DeleteBehavior.Restrict);
        e.HasMany(s => s.Lines).WithOne().HasForeignKey(l => new { l.DealershipId, l.QuoteId })
            .HasPrincipalKey(s => new { s.DealershipId, s.Id }).OnDelete(DeleteBehavior.Cascade);
        e.HasMany(s => s.History).WithOne().HasForeignKey(h => new { h.DealershipId, h.QuoteId })
            .HasPrincipalKey(s => new { s.DealershipId, s.Id }).OnDelete(DeleteBehavior.Cascade);
    }
}

internal sealed class QuoteLineConfiguration : IEntityTypeConfiguration<QuoteLine>
{
    public void Configure(EntityTypeBuilder<QuoteLine> e)
    {
        e.ToTable("quote_lines", t =>
        {
            t.HasCheckConstraint("ck_quote_lines_kind", "kind IN ('REBATE','TRADE_IN','PRODUCT','FEE')");
            t.HasCheckConstraint("ck_quote_lines_amounts", "amount >= 0 AND (payoff IS NULL OR payoff >= 0) AND position >= 0");
            // A trade-in has a payoff and no name; every other line the reverse.
            t.HasCheckConstraint("ck_quote_lines_shape", "(kind = 'TRADE_IN') = (payoff IS NOT NULL) AND (kind = 'TRADE_IN' OR name IS NOT NULL)");
        });
        e.HasKey(l => new { l.QuoteId, l.Kind, l.Position });
        e.Property(l => l.Kind).HasMaxLength(8);
        e.Property(l => l.Name).HasMaxLength(QuoteValidator.MaxNameLength);
        e.Property(l => l.Amount).HasColumnType("numeric(12,2)");
        e.Property(l => l.Payoff).HasColumnType("numeric(12,2)");
        e.Property(l => l.Vin).HasMaxLength(17);
        e.Property(l => l.Make).HasMaxLength(QuoteValidator.MaxNameLength);
        e.Property(l => l.Model).HasMaxLength(QuoteValidator.MaxNameLength);
        e.HasIndex(l => new { l.DealershipId, l.QuoteId });
    }
}

internal sealed class QuoteHistoryEntryConfiguration : IEntityTypeConfiguration<QuoteHistoryEntry>
{
    public void Configure(EntityTypeBuilder<QuoteHistoryEntry> e)
    {
        e.ToTable("quote_history", t => t.HasCheckConstraint("ck_quote_history_version", "version >= 1"));
        // One entry per version: two saves that both claimed the same version could not both commit.
        e.HasKey(h => new { h.QuoteId, h.Version });
        e.Property(h => h.Action).HasMaxLength(16);
        e.Property(h => h.Changes).HasColumnType("jsonb");
        e.HasIndex(h => new { h.DealershipId, h.QuoteId });
        e.HasOne<AppUser>().WithMany().HasForeignKey(h => new { h.DealershipId, h.UserId })
            .HasPrincipalKey(u => new { u.DealershipId, u.Id }).OnDelete(DeleteBehavior.Restrict);
    }
}
