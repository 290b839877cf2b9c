using System.Text.Json;
using Microsoft.AspNetCore.Antiforgery;
using DealDesk.Data.Errors;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.Metadata;

namespace DealDesk.Web.Errors;

/// <summary>
/// A request the server cannot read (malformed or missing JSON body, unparsable parameter, body too large)
/// as a typed error: a client's mistake is a 4xx with its own status, never a 500. The reason is told
/// without the framework's wording, which names .NET types and parameters.
/// </summary>
internal static class BadRequests
{
    public static AppError ToError(BadHttpRequestException ex, HttpContext http)
    {
        if (ex.StatusCode != StatusCodes.Status400BadRequest) return ApiErrors.ForStatus(ex.StatusCode);
        if (ex.InnerException is JsonException json)
            return new AppError(ErrorCodes.ValidationFailed, 400,
                json.Path is { Length: > 1 } at ? $"The request body could not be read as JSON (at {at})." : "The request body is not valid JSON.",
                Details: new Dictionary<string, object?>
                {
                    ["body"] = new Dictionary<string, object?> { ["path"] = json.Path, ["line"] = json.LineNumber + 1, ["position"] = json.BytePositionInLine },
                });
        if (ex.InnerException is AntiforgeryValidationException)
            return new AppError(ErrorCodes.ValidationFailed, 400, "The form has expired or did not come from DealDesk. Reload the page and try again.");
        if (AcceptsJson(http) && http.Features.Get<IHttpRequestBodyDetectionFeature>()?.CanHaveBody != true)
            return new AppError(ErrorCodes.ValidationFailed, 400, "The request has no body; send it as JSON.");
        return ApiErrors.ForStatus(StatusCodes.Status400BadRequest);
    }

    /// <summary>The failed endpoint reads a JSON body (the handler has already cleared the request's endpoint).</summary>
    static bool AcceptsJson(HttpContext http) =>
        (http.Features.Get<IExceptionHandlerFeature>()?.Endpoint ?? http.GetEndpoint())?.Metadata.GetMetadata<IAcceptsMetadata>()
            ?.ContentTypes.Any(t => t.Contains("json", StringComparison.OrdinalIgnoreCase)) == true;
}
