namespace DealDesk.Bench;

/// <summary>Where the benchmark writes: its results folder in the repository, and a scratch folder under the temp directory.</summary>
public static class BenchPaths
{
    /// <summary>DealDesk.Bench/results next to DealDesk.sln (found upwards from the binaries), else ./results.</summary>
    public static string ResultsDirectory() => FromRepository(Path.Combine("DealDesk.Bench", "results"));

    /// <summary>
    /// A path the user typed, relative to the repository root (where the README's commands run; `dotnet run
    /// --project` itself starts the program in the project folder), else to the working directory.
    /// </summary>
    public static string FromRepository(string path)
    {
        if (Path.IsPathRooted(path)) return path;
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DealDesk.sln")))
                return Path.Combine(dir.FullName, path);
        return Path.GetFullPath(path);
    }

    /// <summary>A fresh scratch folder (pgbench logs, the app's own log files); the caller deletes it.</summary>
    public static string NewScratchDirectory()
    {
        var dir = Path.Combine(Path.GetTempPath(), "dealdesk-bench-work-" + Guid.NewGuid().ToString("N")[..12]);
        Directory.CreateDirectory(dir);
        return dir;
    }
}
