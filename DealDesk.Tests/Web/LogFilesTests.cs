using DealDesk.Web.Hosting;
using Microsoft.Extensions.Configuration;

namespace DealDesk.Tests.Web;

/// <summary>
/// Where log files land. `dotnet run --project DealDesk.Web` starts the app in the project folder, so Serilog's
/// own rule (relative to the working directory) put them in DealDesk.Web/logs; they resolve against one known
/// root instead (README, Logs).
/// </summary>
public sealed class LogFilesTests
{
    [Fact]
    public void Relative_log_paths_resolve_against_the_root_and_absolute_ones_stay()
    {
        var root = Path.Combine(Path.GetTempPath(), "dealdesk-root");
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Serilog:WriteTo:0:Name"] = "Console",
            ["Serilog:WriteTo:1:Name"] = "File",
            ["Serilog:WriteTo:1:Args:path"] = "logs/dealdesk-.log",
            ["Serilog:WriteTo:2:Name"] = "Async",
            ["Serilog:WriteTo:2:Args:configure:0:Name"] = "File",
            ["Serilog:WriteTo:2:Args:configure:0:Args:path"] = "/var/log/dealdesk/async-.log",
            ["Other:path"] = "not/a/log",
        }).Build();

        var anchored = LogFiles.Anchored(config, root);

        Assert.Equal(Path.Combine(root, "logs", "dealdesk-.log"), anchored["Serilog:WriteTo:1:Args:path"]);
        Assert.Equal("/var/log/dealdesk/async-.log", anchored["Serilog:WriteTo:2:Args:configure:0:Args:path"]);
        Assert.Equal("Console", anchored["Serilog:WriteTo:0:Name"]);
        Assert.Equal("not/a/log", anchored["Other:path"]);
    }

    [Fact]
    public void In_a_checkout_the_root_is_the_repository_whichever_folder_the_app_starts_in()
    {
        var repository = Repository();

        Assert.Equal(repository, RepositoryRoot.Or(Path.Combine(repository, "DealDesk.Web"))); // dotnet run --project DealDesk.Web
        Assert.Equal(repository, RepositoryRoot.Or(repository));
    }

    [Fact]
    public void A_published_app_uses_the_folder_it_starts_in()
    {
        var published = Directory.CreateTempSubdirectory("dealdesk-published-").FullName;
        try
        {
            Assert.Equal(published, RepositoryRoot.Or(published));
        }
        finally
        {
            Directory.Delete(published);
        }
    }

    static string Repository()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DealDesk.sln"))) return dir.FullName;
        throw new InvalidOperationException("The tests do not run inside the repository.");
    }
}
