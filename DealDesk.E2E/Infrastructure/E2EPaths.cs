namespace DealDesk.E2E.Infrastructure;

/// <summary>Where the E2E run writes what a person needs after a failure: traces, screenshots, the app's log.</summary>
public static class E2EPaths
{
    /// <summary>DealDesk.E2E/TestResults (git-ignored), found from the test assembly's bin folder.</summary>
    public static string ResultsDirectory { get; } = Path.Combine(ProjectDirectory(), "TestResults");

    public static string ForTest(string testName) =>
        Path.Combine(ResultsDirectory, string.Concat(testName.Select(c => Path.GetInvalidFileNameChars().Contains(c) ? '_' : c)));

    private static string ProjectDirectory()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DealDesk.E2E.csproj"))) return dir.FullName;
        return AppContext.BaseDirectory;
    }
}
