using DealDesk.Data.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace DealDesk.Web.Errors;

/// <summary>
/// Last line: anything not typed is logged with its stack trace and answered without one —
/// JSON for the API, the friendly error page (re-executed /error) for browsers.
/// A request the server could not read (BadHttpRequestException) is the client's 4xx, in every environment.
/// Runs after the middleware switched Request.Path to /error: the request's own path is OriginalRequest's.
/// </summary>
internal sealed class UnhandledExceptionHandler(ILogger<UnhandledExceptionHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext http, Exception exception, CancellationToken ct)
    {
        var error = exception switch
        {
            DealDeskException typed => typed.Error,
            BadHttpRequestException bad => BadRequests.ToError(bad, http),
            _ => null,
        };
        if (error is null)
        {
            logger.LogError(exception, "Unhandled exception on {Method} {Path}", http.Request.Method, OriginalRequest.Path(http));
            error = AppError.Internal();
        }
        else
        {
            ApiErrors.Record(error, http);
        }
        if (!OriginalRequest.WantsJson(http))
            return false; // the page pipeline re-executes /error, with the status ErrorPages.StatusFor chose
        http.Response.StatusCode = error.Status;
        await http.Response.WriteAsJsonAsync(ErrorBody.From(error, http.TraceIdentifier), ct);
        return true;
    }
}
