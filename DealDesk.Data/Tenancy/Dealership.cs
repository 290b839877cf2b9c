namespace DealDesk.Data.Tenancy;

/// <summary>A dealership: the tenant. Its settings drive local dates, taxes and fees.</summary>
public sealed class Dealership
{
    public Guid Id { get; set; }
    public required string Name { get; set; }
    /// <summary>IANA time zone; deal numbers use the dealership's local date.</summary>
    public string TimeZone { get; set; } = "America/New_York";
    public decimal DefaultTaxRate { get; set; }
    public decimal DocFee { get; set; }
    public decimal DefaultApr { get; set; } = 6.9m;
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The zone for <see cref="TimeZone"/>; UTC when the system does not know the id.</summary>
    public static TimeZoneInfo ResolveZone(string? timeZone) =>
        timeZone is not null && TimeZoneInfo.TryFindSystemTimeZoneById(timeZone, out var zone) ? zone : TimeZoneInfo.Utc;
}
