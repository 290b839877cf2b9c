using System.Globalization;
using System.Threading.RateLimiting;
using DealDesk.Data.Errors;
using DealDesk.Web.Accounts;
using DealDesk.Web.Errors;
using Microsoft.AspNetCore.RateLimiting;

namespace DealDesk.Web.Endpoints;

/// <summary>Configuration section RateLimits:QuoteSaves: at most PermitLimit quote writes per user per WindowSeconds.</summary>
public sealed record QuoteSaveLimits
{
    public const string Section = "RateLimits:QuoteSaves";
    public int PermitLimit { get; init; } = 60;
    public int WindowSeconds { get; init; } = 60;
}

/// <summary>
/// Quote writes through the API are rate-limited per signed-in user with ASP.NET Core's rate limiter: a fixed window
/// partitioned by user id (a user's several clients share it; one user cannot slow the others). Past the limit:
/// 429 RATE_LIMIT_EXCEEDED in the JSON error contract with Retry-After (seconds until the window renews). The editor
/// calls QuoteService directly and is not limited; the benchmark raises the limit.
/// </summary>
internal static class QuoteRateLimits
{
    public const string Policy = "quote-saves";

    public static IServiceCollection AddQuoteSaveRateLimit(this IServiceCollection services, IConfiguration configuration)
    {
        var limits = configuration.GetSection(QuoteSaveLimits.Section).Get<QuoteSaveLimits>() ?? new QuoteSaveLimits();
        if (limits.PermitLimit < 1 || limits.WindowSeconds < 1)
            throw new InvalidOperationException($"{QuoteSaveLimits.Section}: PermitLimit and WindowSeconds must be at least 1.");
        services.AddRateLimiter(options =>
        {
            options.AddPolicy(Policy, http => RateLimitPartition.GetFixedWindowLimiter(
                http.User.UserId()?.ToString() ?? "anonymous:" + http.Connection.RemoteIpAddress,
                _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = limits.PermitLimit, Window = TimeSpan.FromSeconds(limits.WindowSeconds), QueueLimit = 0, AutoReplenishment = true,
                }));
            options.OnRejected = (context, ct) => RejectAsync(context, limits, ct);
        });
        return services;
    }

    static async ValueTask RejectAsync(OnRejectedContext context, QuoteSaveLimits limits, CancellationToken ct)
    {
        var http = context.HttpContext;
        var seconds = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var retryAfter)
            ? Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)) : limits.WindowSeconds;
        var error = new AppError(ErrorCodes.RateLimitExceeded, StatusCodes.Status429TooManyRequests,
            $"Too many quote saves: at most {limits.PermitLimit} every {limits.WindowSeconds} s. Try again in {seconds} s.",
            ErrorSeverity.Warning, Retryable: true, new Dictionary<string, object?>
            {
                ["retryAfterSeconds"] = seconds, ["permitLimit"] = limits.PermitLimit, ["windowSeconds"] = limits.WindowSeconds,
            });
        ApiErrors.Record(error, http);
        http.Response.StatusCode = error.Status;
        http.Response.Headers.RetryAfter = seconds.ToString(CultureInfo.InvariantCulture);
        await http.Response.WriteAsJsonAsync(ErrorBody.From(error, http.TraceIdentifier), ct);
    }
}
