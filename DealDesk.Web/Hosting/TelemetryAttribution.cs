using DealDesk.Data.Monitoring;
using DealDesk.Data.Tenancy;
using Microsoft.AspNetCore.Components.Server.Circuits;

namespace DealDesk.Web.Hosting;

/// <summary>
/// Attributes a request's database commands and typed errors to its correlation id and (once authenticated) its
/// dealership, for the dashboard's slow-query, history and error lists.
/// </summary>
internal sealed class TelemetryAttributionMiddleware(RequestDelegate next)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var correlationId = context.TraceIdentifier; // set by CorrelationIdMiddleware, which runs first
        var tenant = context.RequestServices.GetRequiredService<TenantContext>(); // filled by TenantMiddleware, later
        using (Attribution.Begin(new WorkAttribution(() => correlationId, () => tenant.DealershipId)))
            await next(context);
    }
}

/// <summary>
/// The same for a circuit: each inbound event (click, input, JS call) is attributed to its correlation id (the
/// one CircuitCorrelationHandler gives it) and the circuit's dealership. Also tells the dashboard whether the
/// browser is still connected, so a closed tab stops costing database queries before its circuit expires.
/// </summary>
public sealed class TelemetryCircuitHandler(CorrelationScope correlation, TenantContext tenant) : CircuitHandler
{
    public bool Connected { get; private set; } = true;

    public event Action<bool>? ConnectionChanged;

    public override Func<CircuitInboundActivityContext, Task> CreateInboundActivityHandler(Func<CircuitInboundActivityContext, Task> next) =>
        async context =>
        {
            using (Attribution.Begin(new WorkAttribution(() => correlation.Current, () => tenant.DealershipId)))
                await next(context);
        };

    public override Task OnConnectionUpAsync(Circuit circuit, CancellationToken ct) => SetConnected(true);

    public override Task OnConnectionDownAsync(Circuit circuit, CancellationToken ct) => SetConnected(false);

    private Task SetConnected(bool connected)
    {
        Connected = connected;
        ConnectionChanged?.Invoke(connected);
        return Task.CompletedTask;
    }
}
