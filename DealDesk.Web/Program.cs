using DealDesk.Web;
using DealDesk.Web.Hosting;
using Serilog;

var builder = WebApplication.CreateBuilder(args);
// `dotnet run` starts in Production (launchSettings names no environment), where the host does not read the build's
// static web assets manifest by itself: blazor.web.js and MudBlazor's files (NuGet packages, not wwwroot) were 500s
// and no page became interactive. A published app has no such manifest, and this is then a no-op.
builder.WebHost.UseStaticWebAssets();
SharedSettings.AddTo(builder.Configuration);
builder.Services.AddSerilog((services, log) => log.ReadFrom.Configuration(LogFiles.Anchored(builder.Configuration, builder.Environment))
    .ReadFrom.Services(services).Enrich.FromLogContext(), preserveStaticLogger: true); // per host, not the static Log (tests run several)

// An operator's command instead of the web app: it needs the database, not the host.
if (CreateDealershipCommand.Matches(args))
    return await CreateDealershipCommand.RunAsync(args, builder.Configuration, builder.Environment, Console.Out, Console.Error);

DatabaseStartup database;
try
{
    database = await DatabaseStartup.PrepareAsync(builder.Configuration, builder.Environment);
}
catch (StartupException ex)
{
    // One clear line instead of a stack-trace wall; non-zero exit for scripts and supervisors.
    Console.Error.WriteLine($"DealDesk cannot start: {ex.Message}");
    return ex.ExitCode;
}

await using (database)
{
    builder.AddDealDeskServices(database);
    var app = builder.Build();
    app.UseDealDeskPipeline();
    await database.SeedIfEmbeddedAsync(app.Services);
    app.AnnounceUrls(database);
    await app.RunAsync();
}   // stops the embedded PostgreSQL (if any) after the host has drained
return 0;

/// <summary>Visible to WebApplicationFactory in the test projects.</summary>
public partial class Program;
