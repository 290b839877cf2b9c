namespace DealDesk.Web.Hosting;

/// <summary>
/// Where relative log file paths of the "Serilog" section (a File sink's "path") land. Serilog would resolve
/// them against the process's working directory, which `dotnet run --project DealDesk.Web` sets to the project
/// folder; they resolve against one known folder instead: "LogFiles:Root" when set, else the repository root
/// (a checkout), else the content root (a published app: the directory it is started from).
/// </summary>
internal static class LogFiles
{
    public const string RootSetting = "LogFiles:Root";

    public static string Root(IConfiguration config, IHostEnvironment env) =>
        config[RootSetting] is { Length: > 0 } root ? Path.GetFullPath(root) : RepositoryRoot.Or(env.ContentRootPath);

    public static IConfiguration Anchored(IConfiguration config, IHostEnvironment env) => Anchored(config, Root(config, env));

    /// <summary>The configuration with every relative Serilog "path" made absolute under <paramref name="root"/>.</summary>
    public static IConfiguration Anchored(IConfiguration config, string root)
    {
        var rewritten = config.GetSection("Serilog").AsEnumerable()
            .Where(e => e.Key.EndsWith(":path", StringComparison.OrdinalIgnoreCase) && !string.IsNullOrWhiteSpace(e.Value) && !Path.IsPathRooted(e.Value))
            .Select(e => new KeyValuePair<string, string?>(e.Key, Path.GetFullPath(Path.Combine(root, e.Value!))))
            .ToList();
        return rewritten.Count == 0 ? config : new ConfigurationBuilder().AddConfiguration(config).AddInMemoryCollection(rewritten).Build();
    }
}
