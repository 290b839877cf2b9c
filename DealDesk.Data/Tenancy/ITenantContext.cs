namespace DealDesk.Data.Tenancy;

/// <summary>Who is asking, per request (or per unit of work outside HTTP).</summary>
public interface ITenantContext
{
    Guid? DealershipId { get; }
    Guid? UserId { get; }
    /// <summary>Managers may act for other salespeople of their dealership.</summary>
    bool IsManager { get; }
}

/// <summary>Settable tenant context: the web app fills it from the signed-in user's claims; tests and tools set it directly.</summary>
public sealed class TenantContext : ITenantContext
{
    public Guid? DealershipId { get; set; }
    public Guid? UserId { get; set; }
    public bool IsManager { get; set; }

    public Guid RequireDealership() =>
        DealershipId ?? throw new InvalidOperationException("No dealership in the current context.");
}
