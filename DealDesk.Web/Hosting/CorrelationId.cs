using System.Text.RegularExpressions;

namespace DealDesk.Web.Hosting;

/// <summary>
/// Every request gets a correlation id: the caller's X-Correlation-Id when it is sane, else a new
/// one. It becomes HttpContext.TraceIdentifier, the response header, a property on every log line
/// written during the request, and the correlationId of error bodies.
/// </summary>
internal sealed partial class CorrelationIdMiddleware(RequestDelegate next, ILogger<CorrelationIdMiddleware> logger)
{
    public const string Header = "X-Correlation-Id";

    public async Task InvokeAsync(HttpContext context)
    {
        var incoming = context.Request.Headers[Header].ToString();
        var id = SafeId().IsMatch(incoming) ? incoming : Guid.NewGuid().ToString("N");
        context.TraceIdentifier = id;
        // On starting, not now: the exception handler clears the response's headers before it answers.
        context.Response.OnStarting(() =>
        {
            context.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        // The request's completion line is RequestLogging's (Serilog), which sets the id itself.
        using (logger.BeginScope(new Dictionary<string, object> { ["CorrelationId"] = id }))
            await next(context);
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{8,64}$")]
    private static partial Regex SafeId();
}
