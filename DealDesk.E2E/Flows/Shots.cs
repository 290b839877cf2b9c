using Microsoft.Playwright;

namespace DealDesk.E2E.Flows;

/// <summary>
/// Screenshots for looking at the pages (not for asserting): written only when DEALDESK_SHOTS names a folder, e.g.
/// <c>DEALDESK_SHOTS=/tmp/shots dotnet test DealDesk.E2E --filter QuoteEditorFlows</c>.
/// </summary>
internal static class Shots
{
    private static string? Folder => Environment.GetEnvironmentVariable("DEALDESK_SHOTS") is { Length: > 0 } dir ? dir : null;

    public static async Task TakeAsync(IPage page, string name, bool fullPage = true)
    {
        if (Folder is not { } dir) return;
        Directory.CreateDirectory(dir);
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = fullPage });
    }

    public static void Save(string name, byte[] content)
    {
        if (Folder is not { } dir) return;
        Directory.CreateDirectory(dir);
        File.WriteAllBytes(Path.Combine(dir, name), content);
    }
}
