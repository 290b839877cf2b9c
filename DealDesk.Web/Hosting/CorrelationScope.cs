using Microsoft.AspNetCore.Components.Server.Circuits;

namespace DealDesk.Web.Hosting;

/// <summary>
/// The correlation id of the work in progress in this scope. For HTTP it is the request's id
/// (HttpContext.TraceIdentifier, set by CorrelationIdMiddleware); a circuit has no request per event,
/// so <see cref="CircuitCorrelationHandler"/> gives each inbound circuit event its own id.
/// </summary>
public sealed class CorrelationScope(IHttpContextAccessor http)
{
    private string? circuitEventId;

    public string Current => circuitEventId ?? http.HttpContext?.TraceIdentifier ?? "none";

    internal void BeginCircuitEvent() => circuitEventId = Guid.NewGuid().ToString("N");
}

/// <summary>
/// Each event a circuit receives (a click, an input, a JS call) runs with a fresh correlation id in the
/// log scope, so every log line the event's service calls write, and any error shown for it, share one id.
/// </summary>
internal sealed class CircuitCorrelationHandler(CorrelationScope correlation, ILogger<CircuitCorrelationHandler> logger) : CircuitHandler
{
    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            correlation.BeginCircuitEvent();
            using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = correlation.Current }))
                await next(context);
        };
}
