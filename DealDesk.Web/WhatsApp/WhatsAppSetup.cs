using DealDesk.Data.Leads.WhatsApp;
using Microsoft.Extensions.Http.Resilience;

namespace DealDesk.Web.WhatsApp;

internal static class WhatsAppSetup
{
    /// <summary>Settings, the client (Cloud API when configured, else local), the outbox sender; warns when the webhook has no secret.</summary>
    public static void AddWhatsApp(this WebApplicationBuilder builder, bool embeddedDemo)
    {
        var options = WhatsAppOptions.From(builder.Configuration, embeddedDemo);
        var services = builder.Services;
        services.AddSingleton(options);
        if (options.UsesCloudApi) services.AddCloudApiClient();
        services.AddHostedService<OutboxSender>();
        services.AddHostedService(sp => new StartupWarning(sp.GetRequiredService<ILogger<WhatsAppOptions>>(), options));
    }

    /// <summary>
    /// The Cloud API client behind the standard resilience handler: retries with exponential backoff and jitter on
    /// 5xx, 429 (honouring Retry-After) and timeouts, a per-attempt timeout, a circuit breaker. Needs the options registered.
    /// </summary>
    public static void AddCloudApiClient(this IServiceCollection services)
    {
        services.AddHttpClient<IWhatsAppClient, CloudApiWhatsAppClient>(CloudApiWhatsAppClient.ClientName)
            .AddStandardResilienceHandler()
            .Configure((r, sp) =>
            {
                var options = sp.GetRequiredService<WhatsAppOptions>();
                r.Retry.Delay = options.RetryDelay;
                r.AttemptTimeout.Timeout = options.AttemptTimeout;
                r.CircuitBreaker.SamplingDuration = options.AttemptTimeout * 2 + TimeSpan.FromSeconds(1);
                r.TotalRequestTimeout.Timeout = (options.AttemptTimeout + options.RetryDelay * 8) * 4;
            });
    }

    private sealed class StartupWarning(ILogger logger, WhatsAppOptions options) : IHostedService
    {
        public Task StartAsync(CancellationToken cancellationToken)
        {
            if (string.IsNullOrWhiteSpace(options.AppSecret))
                logger.LogWarning("WhatsApp:AppSecret is not set: the WhatsApp webhook refuses every request (401). Set WhatsApp__AppSecret.");
            if (!options.UsesCloudApi)
                logger.LogInformation("WhatsApp:AccessToken/ApiBaseUrl not set: outbound WhatsApp messages are marked sent locally, not delivered.");
            return Task.CompletedTask;
        }

        public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
    }
}
