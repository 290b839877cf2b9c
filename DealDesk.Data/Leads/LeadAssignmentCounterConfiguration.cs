using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealDesk.Data.Leads;

internal sealed class LeadAssignmentCounterConfiguration : IEntityTypeConfiguration<LeadAssignmentCounter>
{
    public void Configure(EntityTypeBuilder<LeadAssignmentCounter> e)
    {
        e.ToTable("lead_assignment_counters");
        e.HasKey(c => c.DealershipId);
        e.HasOne<Dealership>().WithMany().HasForeignKey(c => c.DealershipId).OnDelete(DeleteBehavior.Restrict);
    }
}
