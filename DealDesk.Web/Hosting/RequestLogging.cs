using DealDesk.Web.Accounts;
using Serilog;

namespace DealDesk.Web.Hosting;

/// <summary>
/// One Serilog line per request, when it completes: method, path, status, time, correlation id and, for a
/// signed-in user, their dealership and user id. Placed outside the exception handler and the status-code
/// pages, so it sees the final status and the request's own path, never the re-executed /error.
/// </summary>
internal static class RequestLogging
{
    public const string Template =
        "HTTP {RequestMethod} {RequestPath} responded {StatusCode} in {Elapsed:0.0} ms (dealership {DealershipId}, user {UserId})";

    public static IApplicationBuilder UseDealDeskRequestLogging(this IApplicationBuilder app) =>
        app.UseSerilogRequestLogging(o =>
        {
            o.MessageTemplate = Template;
            // This host's logger: the static Log.Logger is not set (several hosts share a test process).
            o.Logger = app.ApplicationServices.GetRequiredService<Serilog.ILogger>();
            o.EnrichDiagnosticContext = (diagnostics, http) =>
            {
                // Written by this middleware itself, not through Microsoft.Extensions.Logging: the correlation
                // id scope does not reach it, so the id is set here.
                diagnostics.Set("CorrelationId", http.TraceIdentifier);
                diagnostics.Set("DealershipId", http.User.DealershipId());
                diagnostics.Set("UserId", http.User.UserId());
            };
        });
}
