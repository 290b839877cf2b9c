using Serilog;

namespace DealDesk.Web.Hosting;

internal static class Logging
{
    /// <summary>Serilog through the logging builder (Serilog.AspNetCore cannot restore here); sinks from the "Serilog" section.</summary>
    public static void AddDealDeskLogging(this WebApplicationBuilder builder)
    {
        var logger = new LoggerConfiguration()
            .ReadFrom.Configuration(builder.Configuration)
            .Enrich.FromLogContext()
            .CreateLogger();
        builder.Logging.ClearProviders();
        builder.Logging.AddSerilog(logger, dispose: true);
    }
}
