using DealDesk.Data;
using DealDesk.Data.Database;
using DealDesk.Data.Errors;
using DealDesk.Data.Seeding;
using DealDesk.Data.Staff;
using DealDesk.Data.Tenancy;

namespace DealDesk.Web.Hosting;

/// <summary>
/// <c>dotnet run --project DealDesk.Web -- create-dealership --name "…" --time-zone America/Chicago --manager-email …
/// [--manager-name "First Last"]</c>: a dealership and its first manager without the UI. Reaches the database the
/// way the app does (the embedded cluster, or ConnectionStrings / DATABASE_URL), migrates it, and works on the
/// migration (owner) connection. Exit codes: 0 created, 2 bad arguments, 3 duplicate, 1 database problem.
/// </summary>
public static class CreateDealershipCommand
{
    public const string Name = "create-dealership";

    public static bool Matches(string[] args) => args.Length > 0 && args[0] == Name;

    public static async Task<int> RunAsync(string[] args, IConfiguration config, IHostEnvironment env, TextWriter output, TextWriter errors,
        CancellationToken ct = default)
    {
        if (Parse(args, errors) is not { } request) return 2;
        DatabaseStartup database;
        try
        {
            database = await DatabaseStartup.PrepareAsync(config, env);
        }
        catch (StartupException ex)
        {
            await errors.WriteLineAsync($"create-dealership: {ex.Message}");
            return ex.ExitCode;
        }
        await using (database)
        {
            var services = new ServiceCollection();
            services.AddLogging();
            services.AddMetrics();
            var owner = database.Target.MigrationConnectionString;
            services.AddDealDeskData(new DatabaseTarget(owner, owner), database.Settings);
            services.AddDemoSeeding(); // Identity's core services (password hasher, normalizer), no demo data
            services.AddScoped<DealershipProvisioning>();
            await using var provider = services.BuildServiceProvider();
            await using var scope = provider.CreateAsyncScope();
            try
            {
                var created = await scope.ServiceProvider.GetRequiredService<DealershipProvisioning>().CreateAsync(request, ct);
                await output.WriteLineAsync($"Created dealership \"{request.Name!.Trim()}\" ({created.DealershipId}) in {request.TimeZone}.");
                await output.WriteLineAsync($"Manager: {created.ManagerEmail}");
                await output.WriteLineAsync($"One-time password: {created.TemporaryPassword}");
                await output.WriteLineAsync("It is shown only now. Sign in at /login; a manager can reset it on the Staff page.");
                return 0;
            }
            catch (DealDeskException ex)
            {
                await errors.WriteLineAsync($"create-dealership: {ex.Error.Message}");
                return ex.Error.Code == ErrorCodes.DealershipExists ? 3 : ex.Error.Status is >= 400 and < 500 ? 2 : 1;
            }
        }
    }

    private static NewDealership? Parse(string[] args, TextWriter errors)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        string[] known = ["--name", "--time-zone", "--manager-email", "--manager-name"];
        for (var i = 1; i < args.Length; i++)
        {
            var (key, value) = args[i].Split('=', 2) is [var k, var v] && k.StartsWith("--") ? (k, v)
                : (args[i], i + 1 < args.Length ? args[++i] : null);
            if (!known.Contains(key) || value is null)
            {
                errors.WriteLine($"create-dealership: unexpected argument \"{args[i]}\".");
                errors.WriteLine(Usage);
                return null;
            }
            values[key] = value;
        }
        foreach (var required in known[..3])
            if (!values.ContainsKey(required))
            {
                errors.WriteLine($"create-dealership: {required} is required.");
                errors.WriteLine(Usage);
                return null;
            }
        var managerName = values.GetValueOrDefault("--manager-name")?.Trim() ?? "";
        var space = managerName.IndexOf(' ');
        return new NewDealership(values["--name"], values["--time-zone"], values["--manager-email"],
            space < 0 ? managerName : managerName[..space], space < 0 ? "" : managerName[(space + 1)..].Trim());
    }

    public const string Usage =
        "usage: dotnet run --project DealDesk.Web -- create-dealership --name \"Dealership name\" --time-zone America/Chicago --manager-email manager@example.com [--manager-name \"First Last\"]";
}
