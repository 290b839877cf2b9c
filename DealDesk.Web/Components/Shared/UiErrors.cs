using DealDesk.Data.Diagnostics;
using DealDesk.Data.Errors;
using DealDesk.Web.Hosting;

namespace DealDesk.Web.Components.Shared;

/// <summary>
/// What a component does with a service's typed failure: count it and log it with the event's
/// correlation id (as the JSON API does for its requests), then show it inline where it happened.
/// </summary>
public sealed class UiErrors(DealDeskMetrics metrics, CorrelationScope correlation, ILogger<UiErrors> logger)
{
    public ShownError Capture(DealDeskException exception)
    {
        var error = exception.Error;
        metrics.Error(error.Code);
        var level = error.Severity >= ErrorSeverity.Error ? LogLevel.Warning : LogLevel.Information;
        logger.Log(level, "{ErrorCode} ({Status}) shown in the UI (correlation {CorrelationId}): {Message}",
            error.Code, error.Status, correlation.Current, error.Message);
        return new ShownError(error, correlation.Current);
    }
}
