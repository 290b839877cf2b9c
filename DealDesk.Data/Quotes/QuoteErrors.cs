using DealDesk.Data.Errors;
using FluentValidation.Results;

namespace DealDesk.Data.Quotes;

/// <summary>
/// The quote editor's typed errors. Field paths are camelCase (<c>tradeIns[0].vin</c>), as
/// <see cref="Errors.Validation.ThrowIfInvalid{T}"/> produces them; every error that names fields has them under
/// <c>details.fields</c> (path → messages).
/// </summary>
public static class QuoteErrors
{
    public static AppError Validation(IReadOnlyDictionary<string, string[]> fields, string? message = null) =>
        new(ErrorCodes.QuoteValidationFailed, 400, message ?? "Some fields of the quote need attention.",
            Details: new Dictionary<string, object?> { ["fields"] = fields });

    public static AppError PricingValidation(IReadOnlyDictionary<string, string[]> fields, string? message = null) =>
        new(ErrorCodes.PricingValidationFailed, 400, message ?? "These numbers don't make a deal that can be priced.",
            Details: new Dictionary<string, object?> { ["fields"] = fields });

    public static AppError PricingValidation(IEnumerable<PricingProblem> problems) =>
        PricingValidation(problems.GroupBy(p => Errors.Validation.CamelPath(p.Field))
            .ToDictionary(g => g.Key, g => g.Select(p => p.Message).Distinct().ToArray()));

    public static AppError CurrencyInvalid(string? currency, IReadOnlyCollection<string> allowed) =>
        new(ErrorCodes.CurrencyInvalid, 400,
            $"The dealership quotes in {string.Join(", ", allowed)}; {(string.IsNullOrWhiteSpace(currency) ? "no currency" : $"'{currency}'")} is not one of them.",
            Details: new Dictionary<string, object?>
            {
                ["currency"] = currency,
                ["allowed"] = allowed.ToArray(),
                ["fields"] = new Dictionary<string, string[]> { ["currency"] = [$"Choose one of {string.Join(", ", allowed)}."] },
            });

    /// <summary>Totals the client sent that differ from the server's: <c>details.mismatches</c> maps path → { sent, computed }.</summary>
    public static AppError ItemsInconsistent(IReadOnlyDictionary<string, string[]> fields, IReadOnlyDictionary<string, TotalMismatch>? mismatches = null) =>
        new(ErrorCodes.ItemsInconsistent, 400, "The totals sent don't match the quote's lines. Reload the quote and try again.",
            Details: new Dictionary<string, object?> { ["fields"] = fields, ["mismatches"] = mismatches ?? new Dictionary<string, TotalMismatch>() });

    public static AppError StateInvalid(string state, QuoteAction action, IReadOnlyList<QuoteAction> allowed, string message,
        DateTimeOffset? expiresAt = null) =>
        new(ErrorCodes.QuoteStateInvalid, 409, message, Details: new Dictionary<string, object?>
        {
            ["state"] = state,
            ["action"] = action.ToString(),
            ["allowedActions"] = allowed.Select(a => a.ToString()).ToArray(),
            ["expiresAt"] = expiresAt,
        });

    public static AppError AlreadySent(string state) =>
        new(ErrorCodes.QuoteAlreadySent, 409, state == QuoteState.Accepted
                ? "The customer accepted this quote; it can't be changed."
                : "This quote has been presented to the customer and is locked. Mark it rejected to revise it, or cancel it.",
            Details: new Dictionary<string, object?> { ["state"] = state });

    /// <summary>Someone saved the quote since it was loaded: reload (their changes are listed) and apply yours again.</summary>
    public static AppError ConflictVersion(long expectedVersion, long actualVersion, string? modifiedBy, DateTimeOffset? modifiedAt,
        IReadOnlyList<string> fields) =>
        new(ErrorCodes.QuoteConflictVersion, 409,
            $"{(string.IsNullOrWhiteSpace(modifiedBy) ? "Someone else" : modifiedBy)} changed this quote while you were editing it. Reload it to see their changes.",
            ErrorSeverity.Warning, Retryable: true, new Dictionary<string, object?>
            {
                ["expectedVersion"] = expectedVersion,
                ["actualVersion"] = actualVersion,
                ["modifiedBy"] = modifiedBy,
                ["modifiedAt"] = modifiedAt,
                ["fields"] = fields.ToArray(),
            });

    /// <summary>
    /// One error for a failed <see cref="QuoteValidator"/> run. When every failure carries one of the specific codes
    /// (CURRENCY_INVALID, then PRICING_VALIDATION_FAILED, then ITEMS_INCONSISTENT, in that precedence) the error has that
    /// code; as soon as one plain field rule failed it is QUOTE_VALIDATION_FAILED listing all fields.
    /// </summary>
    public static AppError FromValidation(ValidationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        if (result.IsValid) throw new ArgumentException("The validation passed.", nameof(result));
        var fields = result.Errors.GroupBy(e => Errors.Validation.CamelPath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        var codes = result.Errors.Select(e => e.ErrorCode).ToHashSet();
        if (!codes.IsSubsetOf(SpecificCodes)) return Validation(fields);
        if (codes.Contains(ErrorCodes.CurrencyInvalid))
        {
            var failure = result.Errors.First(e => e.ErrorCode == ErrorCodes.CurrencyInvalid);
            return CurrencyInvalid(failure.AttemptedValue as string, failure.CustomState as IReadOnlyCollection<string> ?? []);
        }
        if (codes.Contains(ErrorCodes.PricingValidationFailed)) return PricingValidation(fields);
        var mismatches = result.Errors.Where(e => e.CustomState is TotalMismatch)
            .ToDictionary(e => Errors.Validation.CamelPath(e.PropertyName), e => (TotalMismatch)e.CustomState);
        return ItemsInconsistent(fields, mismatches);
    }

    static readonly string[] SpecificCodes = [ErrorCodes.CurrencyInvalid, ErrorCodes.PricingValidationFailed, ErrorCodes.ItemsInconsistent];
}

/// <summary>A total the client sent and the server's figure for it.</summary>
public sealed record TotalMismatch(decimal Sent, decimal Computed);
