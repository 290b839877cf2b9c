namespace DealDesk.Web.Hosting;

/// <summary>
/// The folder holding DealDesk.sln above the content root: where `.data/` and `logs/` go when the app runs from a
/// checkout, whichever folder `dotnet run` was started in (it starts the app in the project folder). A published
/// app has no DealDesk.sln above it and uses its content root, the directory it is started from.
/// </summary>
internal static class RepositoryRoot
{
    public static string Or(string contentRoot)
    {
        for (var dir = new DirectoryInfo(contentRoot); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "DealDesk.sln"))) return dir.FullName;
        return contentRoot;
    }
}
