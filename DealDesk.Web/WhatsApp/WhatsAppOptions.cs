namespace DealDesk.Web.WhatsApp;

/// <summary>
/// The "WhatsApp" settings (environment: WhatsApp__AppSecret, ...). The embedded demo fills a blank secret and verify
/// token with the documented demo values (README, "Leads and WhatsApp"); anywhere else a blank secret makes the
/// webhook refuse everything. With no AccessToken and ApiBaseUrl, messages go to the local client (marked sent).
/// </summary>
public sealed class WhatsAppOptions
{
    public const string Section = "WhatsApp";
    public const string DemoAppSecret = "dealdesk-demo-app-secret";
    public const string DemoVerifyToken = "dealdesk-demo-verify-token";

    public string? AppSecret { get; set; }
    public string? VerifyToken { get; set; }
    public string? AccessToken { get; set; }
    /// <summary>e.g. https://graph.facebook.com/v21.0</summary>
    public string? ApiBaseUrl { get; set; }
    /// <summary>Per attempt; the resilience handler retries 5xx, 429 and timeouts with backoff.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(10);
    /// <summary>The first retry's backoff (doubling, with jitter; 3 retries).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    public bool UsesCloudApi => !string.IsNullOrWhiteSpace(AccessToken) && !string.IsNullOrWhiteSpace(ApiBaseUrl);

    public static WhatsAppOptions From(IConfiguration config, bool embeddedDemo)
    {
        var options = config.GetSection(Section).Get<WhatsAppOptions>() ?? new WhatsAppOptions();
        if (embeddedDemo)
        {
            if (string.IsNullOrWhiteSpace(options.AppSecret)) options.AppSecret = DemoAppSecret;
            if (string.IsNullOrWhiteSpace(options.VerifyToken)) options.VerifyToken = DemoVerifyToken;
        }
        return options;
    }
}
