using DealDesk.Web.Hosting;
using Microsoft.AspNetCore.Diagnostics;

namespace DealDesk.Web.Errors;

/// <summary>
/// The request as the client sent it. While the exception handler or the status-code pages re-execute
/// /error or /status/{code}, Request.Path is the error page's (the exception handler switches it before
/// any IExceptionHandler runs), so log lines and the JSON-or-page decision read the original from here.
/// </summary>
internal static class OriginalRequest
{
    public static PathString Path(HttpContext http) =>
        http.Features.Get<IExceptionHandlerPathFeature>()?.Path is { Length: > 0 } failed ? new PathString(failed)
        : http.Features.Get<IStatusCodeReExecuteFeature>()?.OriginalPath is { Length: > 0 } reExecuted ? new PathString(reExecuted)
        : http.Request.Path;

    /// <summary>API clients get the JSON error contract; browsers get a page.</summary>
    public static bool WantsJson(HttpContext http)
    {
        var path = Path(http);
        return path.StartsWithSegments("/api") || path.StartsWithSegments("/account");
    }
}
