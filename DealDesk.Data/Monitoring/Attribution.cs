namespace DealDesk.Data.Monitoring;

/// <summary>
/// Whom the work on this async flow is for. Read lazily, when a command or an error is recorded: in a request
/// the tenant is known only after authentication, later than the attribution is set.
/// </summary>
public sealed class WorkAttribution(Func<string?> correlationId, Func<Guid?> dealershipId)
{
    public string? CorrelationId => correlationId();

    public Guid? DealershipId => dealershipId();

    public static WorkAttribution Fixed(string? correlationId, Guid? dealershipId) => new(() => correlationId, () => dealershipId);
}

/// <summary>
/// The ambient <see cref="WorkAttribution"/>: the HTTP pipeline and every circuit event set it, the command log
/// and the error list read it, so the dashboard can show a correlation id next to a slow query and keep another
/// dealership's entries out of a manager's lists.
/// </summary>
public static class Attribution
{
    private static readonly AsyncLocal<WorkAttribution?> Value = new();

    public static WorkAttribution? Current => Value.Value;

    /// <summary>Attributes the rest of this async flow (and what it starts) until disposed.</summary>
    public static IDisposable Begin(WorkAttribution attribution)
    {
        var previous = Value.Value;
        Value.Value = attribution;
        return new Restore(previous);
    }

    /// <summary>The current correlation id and dealership, read now; nulls when unattributed or unreadable.</summary>
    public static (string? CorrelationId, Guid? DealershipId) Capture()
    {
        if (Value.Value is not { } a) return (null, null);
        try
        {
            return (a.CorrelationId, a.DealershipId);
        }
        catch (Exception e) when (e is ObjectDisposedException or InvalidOperationException)
        {
            return (null, null); // the request or circuit scope is gone; the entry is kept, unattributed
        }
    }

    private sealed class Restore(WorkAttribution? previous) : IDisposable
    {
        public void Dispose() => Value.Value = previous;
    }
}
