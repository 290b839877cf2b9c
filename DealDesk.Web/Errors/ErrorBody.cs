using DealDesk.Data.Errors;

namespace DealDesk.Web.Errors;

/// <summary>The JSON API's error contract; <see cref="Timestamp"/> is when the error was answered (UTC).</summary>
public sealed record ErrorBody(
    bool Success, string ErrorCode, string Error, string Severity, bool Retryable, string CorrelationId,
    IReadOnlyDictionary<string, object?>? Details, DateTimeOffset Timestamp)
{
    public static ErrorBody From(AppError e, string correlationId) =>
        new(false, e.Code, e.Message, e.Severity.ToString().ToLowerInvariant(), e.Retryable, correlationId, e.Details, DateTimeOffset.UtcNow);
}

/// <summary>The JSON API's success envelope.</summary>
public sealed record Envelope<T>(T Data)
{
    [System.Text.Json.Serialization.JsonPropertyOrder(-1)]
    public bool Success => true;
}
