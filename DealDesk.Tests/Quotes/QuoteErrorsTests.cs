using DealDesk.Data.Errors;
using DealDesk.Data.Quotes;

namespace DealDesk.Tests.Quotes;

public sealed class QuoteErrorsTests
{
    static readonly Dictionary<string, string[]> Fields = new() { ["price"] = ["Enter the vehicle's price."] };

    public static TheoryData<string, int, bool> Errors() => new()
    {
        { ErrorCodes.QuoteValidationFailed, 400, false },
        { ErrorCodes.QuoteStateInvalid, 409, false },
        { ErrorCodes.QuoteConflictVersion, 409, true },
        { ErrorCodes.QuoteAlreadySent, 409, false },
        { ErrorCodes.PricingValidationFailed, 400, false },
        { ErrorCodes.CurrencyInvalid, 400, false },
        { ErrorCodes.ItemsInconsistent, 400, false },
    };

    static AppError Make(string code) => code switch
    {
        ErrorCodes.QuoteValidationFailed => QuoteErrors.Validation(Fields),
        ErrorCodes.QuoteStateInvalid => QuoteErrors.StateInvalid(QuoteState.Draft, QuoteAction.Accept, [QuoteAction.Send], "Send it first."),
        ErrorCodes.QuoteConflictVersion => QuoteErrors.ConflictVersion(3, 4, "Dana Reyes", DateTimeOffset.UnixEpoch, ["discount"]),
        ErrorCodes.QuoteAlreadySent => QuoteErrors.AlreadySent(QuoteState.Sent),
        ErrorCodes.PricingValidationFailed => QuoteErrors.PricingValidation(Fields),
        ErrorCodes.CurrencyInvalid => QuoteErrors.CurrencyInvalid("EUR", ["USD"]),
        ErrorCodes.ItemsInconsistent => QuoteErrors.ItemsInconsistent(Fields),
        _ => throw new ArgumentOutOfRangeException(nameof(code)),
    };

    [Theory]
    [MemberData(nameof(Errors))]
    public void Each_quote_error_has_its_code_status_severity_and_retryability(string code, int status, bool retryable)
    {
        var error = Make(code);
        Assert.Equal(code, error.Code);
        Assert.Equal(status, error.Status);
        Assert.Equal(retryable, error.Retryable);
        Assert.Equal(ErrorSeverity.Warning, error.Severity);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void A_version_conflict_says_who_changed_what_and_when()
    {
        var at = new DateTimeOffset(2025, 6, 2, 10, 30, 0, TimeSpan.Zero);
        var error = QuoteErrors.ConflictVersion(3, 4, "Dana Reyes", at, ["discount", "fees"]);
        Assert.Equal(3L, error.Details!["expectedVersion"]);
        Assert.Equal(4L, error.Details["actualVersion"]);
        Assert.Equal("Dana Reyes", error.Details["modifiedBy"]);
        Assert.Equal(at, error.Details["modifiedAt"]);
        Assert.Equal(["discount", "fees"], (string[])error.Details["fields"]!);
        Assert.Contains("Dana Reyes", error.Message);
    }

    [Fact]
    public void The_new_codes_are_in_the_taxonomy()
    {
        string[] expected =
        [
            "QUOTE_VALIDATION_FAILED", "QUOTE_ALREADY_SENT", "QUOTE_PERSISTENCE_FAILED", "DATABASE_TRANSACTION_ABORTED",
            "AUTHENTICATION_FAILED", "AUTHORIZATION_FAILED", "CUSTOMER_NOT_FOUND", "SALESPERSON_NOT_FOUND", "PRICING_VALIDATION_FAILED",
            "CURRENCY_INVALID", "ITEMS_INCONSISTENT", "QUOTA_EXCEEDED", "RATE_LIMIT_EXCEEDED", "QUOTE_STATE_INVALID",
            "QUOTE_CONFLICT_VERSION", "DATABASE_TIMEOUT", "INTERNAL_ERROR",
        ];
        var codes = typeof(ErrorCodes).GetFields().Select(f => (string)f.GetRawConstantValue()!).ToHashSet();
        Assert.Subset(codes, expected.ToHashSet());
    }
}
