using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealDesk.Data.Deals;

/// <summary>The last deal number handed out for one dealership on one local day.</summary>
public sealed class DealNumberCounter
{
    public Guid DealershipId { get; set; }
    public DateOnly Day { get; set; }
    public int LastValue { get; set; }
}

internal sealed class DealNumberCounterConfiguration : IEntityTypeConfiguration<DealNumberCounter>
{
    public void Configure(EntityTypeBuilder<DealNumberCounter> e)
    {
        e.ToTable("deal_number_counters", t => t.HasCheckConstraint("ck_deal_number_counters_positive", "last_value > 0"));
        e.HasKey(c => new { c.DealershipId, c.Day });
        e.HasOne<Tenancy.Dealership>().WithMany().HasForeignKey(c => c.DealershipId).OnDelete(DeleteBehavior.Restrict);
    }
}
