using DealDesk.Data.Diagnostics;
using DealDesk.Data.Errors;

namespace DealDesk.Web.Errors;

internal static class ApiErrors
{
    /// <summary>The typed error as JSON (the taxonomy's contract), logged and counted with the correlation id.</summary>
    public static IResult ToResult(this AppError error, HttpContext http)
    {
        Record(error, http);
        return Results.Json(ErrorBody.From(error, http.TraceIdentifier), statusCode: error.Status);
    }

    public static void Record(AppError error, HttpContext http)
    {
        http.RequestServices.GetRequiredService<DealDeskMetrics>().Error(error.Code);
        var logger = http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("DealDesk.Errors");
        var level = error.Severity >= ErrorSeverity.Error ? LogLevel.Warning : LogLevel.Information;
        logger.Log(level, "{ErrorCode} ({Status}) on {Method} {Path}: {Message}", error.Code, error.Status, http.Request.Method, OriginalRequest.Path(http), error.Message);
    }

    /// <summary>Plain status codes an API caller can get without a service error (auth, routing, antiforgery).</summary>
    public static AppError ForStatus(int status) => status switch
    {
        401 => new AppError(ErrorCodes.Unauthorized, 401, "Sign in first."),
        403 => new AppError(ErrorCodes.Forbidden, 403, "You do not have access to this."),
        404 => new AppError(ErrorCodes.ResourceNotFound, 404, "Nothing is here."),
        400 => new AppError(ErrorCodes.ValidationFailed, 400, "The request was not understood."),
        413 => new AppError(ErrorCodes.PayloadTooLarge, 413, "The request is too large."),
        415 => new AppError(ErrorCodes.UnsupportedMediaType, 415, "Send the request body as JSON (Content-Type: application/json)."),
        _ => new AppError(status >= 500 ? ErrorCodes.InternalError : "HTTP_" + status, status, "The request could not be completed."),
    };
}
