using System.Globalization;
using PhoneNumbers;

namespace DealDesk.Web.Components.Pages.Settings;

/// <summary>The countries libphonenumber knows, by English name, for the settings page's type-ahead ("United Kingdom (GB)").</summary>
public static class Countries
{
    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    private static readonly Dictionary<string, string> Names = Util.GetSupportedRegions()
        .ToDictionary(code => code, NameOf, StringComparer.OrdinalIgnoreCase);

    private static readonly string[] ByName = [.. Names.OrderBy(n => n.Value, StringComparer.Ordinal).Select(n => n.Key)];

    /// <summary>"United Kingdom (GB)"; an unknown code as typed.</summary>
    public static string Label(string? code) =>
        code is null ? "" : Names.TryGetValue(code, out var name) ? $"{name} ({code.ToUpperInvariant()})" : code;

    public static IEnumerable<string> Search(string? text)
    {
        var term = text?.Trim() ?? "";
        if (term.Length == 0) return ByName;
        // The selected value's own label comes back as the search text when the list opens on it.
        return ByName.Where(code => code.Equals(term, StringComparison.OrdinalIgnoreCase)
            || Names[code].Contains(term, StringComparison.OrdinalIgnoreCase) || Label(code).Equals(term, StringComparison.OrdinalIgnoreCase));
    }

    /// <summary>How a phone of the country is shown there, e.g. "020 7946 0018": the settings page's hint.</summary>
    public static string? Example(string? code) =>
        code is not null && Names.ContainsKey(code) && Util.GetExampleNumber(code.ToUpperInvariant()) is { } number
            ? Util.Format(number, PhoneNumberFormat.NATIONAL)
            : null;

    // RegionInfo knows most ISO 3166 codes; libphonenumber also has a few it does not (AC Ascension, TA Tristan da Cunha).
    private static string NameOf(string code)
    {
        try
        {
            return new RegionInfo(code).EnglishName;
        }
        catch (ArgumentException)
        {
            return code;
        }
    }
}
