namespace DealDesk.Data.Errors;

/// <summary>The error taxonomy's codes: stable strings that the UI, the JSON API and the logs share.</summary>
public static class ErrorCodes
{
    public const string ValidationFailed = "VALIDATION_FAILED";
    public const string ResourceNotFound = "RESOURCE_NOT_FOUND";
    public const string Unauthorized = "UNAUTHORIZED";
    public const string Forbidden = "FORBIDDEN";
    public const string MultiTenantViolation = "MULTI_TENANT_VIOLATION";
    public const string VehicleNotAvailable = "VEHICLE_NOT_AVAILABLE";
    public const string DuplicateDealNumber = "DUPLICATE_DEAL_NUMBER";
    public const string DealStateInvalid = "DEAL_STATE_INVALID";
    public const string QuoteAlreadyConverted = "QUOTE_ALREADY_CONVERTED";
    public const string QuoteConflictVersion = "QUOTE_CONFLICT_VERSION";
    public const string QuoteStateInvalid = "QUOTE_STATE_INVALID";
    public const string IdempotencyKeyReused = "IDEMPOTENCY_KEY_REUSED";
    public const string TransactionConflict = "TRANSACTION_CONFLICT";
    public const string DatabaseTimeout = "DATABASE_TIMEOUT";
    public const string DatabaseUnavailable = "DATABASE_UNAVAILABLE";
    public const string InternalError = "INTERNAL_ERROR";
    public const string QuoteValidationFailed = "QUOTE_VALIDATION_FAILED";
    public const string QuoteAlreadySent = "QUOTE_ALREADY_SENT";
    public const string QuotePersistenceFailed = "QUOTE_PERSISTENCE_FAILED";
    public const string DatabaseTransactionAborted = "DATABASE_TRANSACTION_ABORTED";
    public const string AuthenticationFailed = "AUTHENTICATION_FAILED";
    public const string AuthorizationFailed = "AUTHORIZATION_FAILED";
    public const string CustomerNotFound = "CUSTOMER_NOT_FOUND";
    public const string SalespersonNotFound = "SALESPERSON_NOT_FOUND";
    public const string PricingValidationFailed = "PRICING_VALIDATION_FAILED";
    public const string CurrencyInvalid = "CURRENCY_INVALID";
    public const string ItemsInconsistent = "ITEMS_INCONSISTENT";
    public const string QuotaExceeded = "QUOTA_EXCEEDED";
    public const string RateLimitExceeded = "RATE_LIMIT_EXCEEDED";
    public const string UnsupportedMediaType = "UNSUPPORTED_MEDIA_TYPE";
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";
    public const string LastManager = "LAST_MANAGER";
    public const string DealershipExists = "DEALERSHIP_EXISTS";
    public const string CustomerDuplicate = "CUSTOMER_DUPLICATE";
    public const string VinDuplicate = "VIN_DUPLICATE";
    public const string StockNumberDuplicate = "STOCK_NUMBER_DUPLICATE";
    public const string VehicleOnOpenDeal = "VEHICLE_ON_OPEN_DEAL";
}
