namespace DealDesk.Web.Hosting;

/// <summary>The repository's root appsettings.json, shared with the tests and tools, read first so env vars and args win.</summary>
internal static class SharedSettings
{
    public static void AddTo(ConfigurationManager configuration)
    {
        var path = Path.Combine(AppContext.BaseDirectory, "appsettings.json");
        configuration.AddJsonFile(path, optional: true, reloadOnChange: false);
        var source = configuration.Sources[^1];
        configuration.Sources.RemoveAt(configuration.Sources.Count - 1);
        configuration.Sources.Insert(0, source);
    }
}
