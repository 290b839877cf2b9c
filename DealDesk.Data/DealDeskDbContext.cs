using DealDesk.Data.Accounts;
using DealDesk.Data.Audit;
using DealDesk.Data.Customers;
using DealDesk.Data.Deals;
using DealDesk.Data.Idempotency;
using DealDesk.Data.Leads;
using DealDesk.Data.QuickQuotes;
using DealDesk.Data.Quotes;
using DealDesk.Data.Inventory;
using DealDesk.Data.Model;
using DealDesk.Data.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data;

public sealed class DealDeskDbContext(DbContextOptions<DealDeskDbContext> options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options)
{
    /// <summary>Set by the transaction runner, which sets the tenant per transaction (SET LOCAL) itself.</summary>
    internal bool TenantSetPerTransaction { get; set; }

    public DbSet<Dealership> Dealerships => Set<Dealership>();
    public DbSet<Customer> Customers => Set<Customer>();
    public DbSet<Vehicle> Vehicles => Set<Vehicle>();
    public DbSet<VehicleHistoryEntry> VehicleHistory => Set<VehicleHistoryEntry>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();
    public DbSet<Deal> Deals => Set<Deal>();
    public DbSet<PricingScenario> PricingScenarios => Set<PricingScenario>();
    public DbSet<DealNumberCounter> DealNumberCounters => Set<DealNumberCounter>();
    public DbSet<IdempotencyRecord> IdempotencyKeys => Set<IdempotencyRecord>();
    public DbSet<QuickQuote> QuickQuotes => Set<QuickQuote>();
    public DbSet<QuoteLine> QuoteLines => Set<QuoteLine>();
    public DbSet<QuoteHistoryEntry> QuoteHistory => Set<QuoteHistoryEntry>();
    public DbSet<Lead> Leads => Set<Lead>();
    public DbSet<Conversation> Conversations => Set<Conversation>();
    public DbSet<Message> Messages => Set<Message>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasPostgresExtension("pg_trgm"); // trigram indexes for the customer search
        builder.ApplyConfigurationsFromAssembly(typeof(DealDeskDbContext).Assembly);
        IdentityTables.Configure(builder);
        SnakeCaseNames.Apply(builder);
    }
}
