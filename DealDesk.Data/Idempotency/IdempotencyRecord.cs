using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealDesk.Data.Idempotency;

/// <summary>
/// A create request's Idempotency-Key, written in the same transaction as what it created, so a
/// repeat (double click, network retry) finds the first result instead of creating a second one.
/// </summary>
public sealed class IdempotencyRecord
{
    public Guid DealershipId { get; set; }
    public required string Key { get; set; }
    public required string Operation { get; set; }
    public Guid UserId { get; set; }
    /// <summary>SHA-256 of the request, so the same key with a different body is refused, not replayed.</summary>
    public required string RequestHash { get; set; }
    public Guid ResultId { get; set; }
    public DateTimeOffset CreatedAt { get; set; }
}

internal sealed class IdempotencyRecordConfiguration : IEntityTypeConfiguration<IdempotencyRecord>
{
    public void Configure(EntityTypeBuilder<IdempotencyRecord> e)
    {
        e.ToTable("idempotency_keys");
        e.HasKey(r => new { r.DealershipId, r.Key });
        e.Property(r => r.Key).HasMaxLength(100);
        e.Property(r => r.Operation).HasMaxLength(40);
        e.Property(r => r.RequestHash).HasMaxLength(64);
        e.Property(r => r.CreatedAt).HasDefaultValueSql("now()");
        e.HasOne<Tenancy.Dealership>().WithMany().HasForeignKey(r => r.DealershipId).OnDelete(DeleteBehavior.Restrict);
    }
}
