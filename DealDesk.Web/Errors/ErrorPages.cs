using DealDesk.Data.Errors;
using Microsoft.AspNetCore.Diagnostics;

namespace DealDesk.Web.Errors;

/// <summary>How the exception handler middleware is set up (UnhandledExceptionHandler does the work).</summary>
internal static class ErrorPages
{
    public static ExceptionHandlerOptions Options() => new()
    {
        ExceptionHandlingPath = "/error",
        // A fresh DI scope for the re-executed error page: the failed render may have left scoped services mid-use.
        CreateScopeForErrors = true,
        // The page a browser gets says what happened: a denied action is a 403, an unreadable form a 400.
        StatusCodeSelector = StatusFor,
        // Typed errors and unreadable requests are outcomes, not crashes: UnhandledExceptionHandler logged them
        // once, with the request's own path; no second "unhandled exception" line with a stack trace.
        SuppressDiagnosticsCallback = c => c.Exception is DealDeskException or BadHttpRequestException,
    };

    public static int StatusFor(Exception exception) => exception switch
    {
        DealDeskException typed => typed.Error.Status,
        BadHttpRequestException bad => bad.StatusCode,
        _ => StatusCodes.Status500InternalServerError,
    };
}
