namespace DealDesk.Web.Components.Pages.Settings;

/// <summary>The system's IANA time zones for the settings page's type-ahead.</summary>
public static class TimeZones
{
    private static readonly string[] Ids = [.. TimeZoneInfo.GetSystemTimeZones()
        .Select(z => z.Id).Where(id => id.Contains('/') && !id.StartsWith("Etc/", StringComparison.Ordinal)).Order(StringComparer.Ordinal)];

    public static IEnumerable<string> Search(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Ids.Take(20) : Ids.Where(id => id.Contains(text.Trim().Replace(' ', '_'), StringComparison.OrdinalIgnoreCase));
}
