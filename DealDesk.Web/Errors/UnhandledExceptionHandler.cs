using DealDesk.Data.Errors;
using DealDesk.Web.Hosting;
using Microsoft.AspNetCore.Diagnostics;

namespace DealDesk.Web.Errors;

/// <summary>
/// Last line: anything not typed is logged with its stack trace and answered without one —
/// JSON for the API, the friendly error page (re-executed /error) for browsers.
/// </summary>
internal sealed class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var error = exception is DealDeskException typed ? typed.Error : AppError.Internal();
        if (exception is not DealDeskException)
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", http.Request.Method, http.Request.Path);
        if (!http.Request.Path.StartsWithSegments("/api"))
            return false; // the page pipeline re-executes /error
        ApiErrors.Record(error, http);
        http.Response.StatusCode = error.Status;
        await http.Response.WriteAsJsonAsync(ErrorBody.From(error, http.TraceIdentifier), ct);
        return true;
    }
}
