namespace DealDesk.Data.Errors;

public enum ErrorSeverity { Info, Warning, Error, Critical }

/// <summary>
/// One error, as the salesperson, the API client and the log all see it. <see cref="Details"/>
/// carries structured context (field messages under "fields", ids, the existing deal, ...).
/// </summary>
public sealed record AppError(
    string Code,
    int Status,
    string Message,
    ErrorSeverity Severity = ErrorSeverity.Warning,
    bool Retryable = false,
    IReadOnlyDictionary<string, object?>? Details = null)
{
    public static AppError Validation(IReadOnlyDictionary<string, string[]> fields, string? message = null) =>
        new(ErrorCodes.ValidationFailed, 400, message ?? "Some fields need attention.",
            Details: new Dictionary<string, object?> { ["fields"] = fields });

    public static AppError NotFound(string what, Guid? id = null) =>
        new(ErrorCodes.ResourceNotFound, 404, $"{what} was not found.",
            Details: id is null ? null : new Dictionary<string, object?> { ["entity"] = what, ["id"] = id });

    public static AppError OtherDealership(string what) =>
        new(ErrorCodes.MultiTenantViolation, 403, $"That {what.ToLowerInvariant()} belongs to another dealership.",
            ErrorSeverity.Error, Details: new Dictionary<string, object?> { ["entity"] = what });

    public static AppError Conflict(string code, string message, IReadOnlyDictionary<string, object?>? details = null) =>
        new(code, 409, message, Details: details);

    public static AppError Timeout() =>
        new(ErrorCodes.DatabaseTimeout, 503, "The database took too long to answer. Please try again.", ErrorSeverity.Error, Retryable: true);

    public static AppError Busy() =>
        new(ErrorCodes.TransactionConflict, 503, "Too many people changed the same records at once. Please try again.", ErrorSeverity.Error, Retryable: true);

    public static AppError Unavailable() =>
        new(ErrorCodes.DatabaseUnavailable, 503, "The database is not reachable right now. Please try again shortly.", ErrorSeverity.Critical, Retryable: true);

    public static AppError Internal() =>
        new(ErrorCodes.InternalError, 500, "Something went wrong on our side. The error has been logged.", ErrorSeverity.Critical);
}
