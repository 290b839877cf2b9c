using System.Globalization;

namespace DealDesk.Web.Components.Pages.Monitoring.Components;

/// <summary>How the dashboard writes its numbers: short, with units, a dash for "nothing measured".</summary>
public static class MonitoringFormat
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    public static string Ms(double? ms) => ms switch
    {
        null => "—",
        < 1 => ms.Value.ToString("0.00", Culture) + " ms",
        < 100 => ms.Value.ToString("0.#", Culture) + " ms",
        < 1000 => ms.Value.ToString("0", Culture) + " ms",
        < 60_000 => (ms.Value / 1000).ToString("0.0#", Culture) + " s",
        _ => (ms.Value / 60_000).ToString("0.#", Culture) + " min",
    };

    public static string Rate(double perSecond) => perSecond switch
    {
        0 => "0/s",
        < 0.1 => (perSecond * 60).ToString("0.#", Culture) + "/min",
        < 10 => perSecond.ToString("0.##", Culture) + "/s",
        _ => perSecond.ToString("0", Culture) + "/s",
    };

    public static string Percent(double? ratio) => ratio is null ? "—" : (ratio.Value * 100).ToString(ratio < 0.1 ? "0.0" : "0", Culture) + " %";

    public static string Count(long n) => n.ToString("N0", Culture);

    public static string Bytes(long bytes) => bytes switch
    {
        < 1024 => $"{bytes} B",
        < 1024 * 1024 => (bytes / 1024.0).ToString("0.#", Culture) + " kB",
        < 1024L * 1024 * 1024 => (bytes / 1024.0 / 1024).ToString("0.#", Culture) + " MB",
        _ => (bytes / 1024.0 / 1024 / 1024).ToString("0.##", Culture) + " GB",
    };

    /// <summary>"12 s ago", "3 min ago" relative to the snapshot's time.</summary>
    public static string Ago(DateTimeOffset? at, DateTimeOffset now)
    {
        if (at is null) return "never";
        var d = now - at.Value;
        return d.TotalSeconds < 2 ? "just now"
            : d.TotalSeconds < 90 ? $"{d.TotalSeconds:0} s ago"
            : d.TotalMinutes < 90 ? $"{d.TotalMinutes:0} min ago"
            : $"{d.TotalHours:0} h ago";
    }

    public static string Window(TimeSpan window) => $"{window.TotalMinutes:0} min";

    public static string Time(DateTimeOffset at) => at.ToUniversalTime().ToString("HH:mm:ss", Culture) + " UTC";

    public static string ByKey(IReadOnlyDictionary<string, long> counts) =>
        counts.Count == 0 ? "none" : string.Join(" · ", counts.OrderByDescending(c => c.Value).Select(c => $"{c.Key} ×{c.Value}"));
}

/// <summary>Friendly names for the operations the transaction runner reports; a new one shows under its own name.</summary>
public static class OperationNames
{
    private static readonly Dictionary<string, string> Known = new(StringComparer.Ordinal)
    {
        ["deals.create"] = "Deal creation",
        ["deals.vehicle"] = "Deal: vehicle change",
        ["deals.customer"] = "Deal: customer change",
        ["deals.cancel"] = "Deal: cancel",
        ["deals.deliver"] = "Deal: deliver",
        ["quick_quotes.create"] = "Quick quote",
        ["quick_quotes.convert"] = "Quick quote → deal",
        ["quotes.save"] = "Quote save",
        ["leads.create"] = "Lead creation",
    };

    public static string Describe(string operation)
    {
        if (Known.TryGetValue(operation, out var name)) return name;
        var words = operation.Replace('_', ' ').Replace('.', ' ').Trim();
        return words.Length == 0 ? operation : char.ToUpperInvariant(words[0]) + words[1..];
    }
}
