using DealDesk.Data.Leads;
using MudBlazor;

namespace DealDesk.Web.Components.Pages.Leads.Components;

/// <summary>How the inbox words and colours statuses, ages and the first-response SLA.</summary>
public static class InboxText
{
    public static readonly TimeSpan SlaAmber = TimeSpan.FromMinutes(15);
    public static readonly TimeSpan SlaRed = TimeSpan.FromHours(1);

    public static string StatusLabel(string status) => status switch
    {
        LeadStatuses.New => "New", LeadStatuses.Contacted => "Contacted", LeadStatuses.Qualified => "Qualified",
        LeadStatuses.Converted => "Converted", LeadStatuses.Lost => "Lost", _ => status,
    };

    public static Color StatusColor(string status) => status switch
    {
        LeadStatuses.New => Color.Info, LeadStatuses.Contacted => Color.Primary, LeadStatuses.Qualified => Color.Secondary,
        LeadStatuses.Converted => Color.Success, _ => Color.Default,
    };

    /// <summary>"now", "4m", "3h", "2d", or the date.</summary>
    public static string Age(DateTimeOffset at, DateTimeOffset now)
    {
        var age = now - at;
        if (age < TimeSpan.FromMinutes(1)) return "now";
        if (age < TimeSpan.FromHours(1)) return $"{(int)age.TotalMinutes}m";
        if (age < TimeSpan.FromDays(1)) return $"{(int)age.TotalHours}h";
        if (age < TimeSpan.FromDays(7)) return $"{(int)age.TotalDays}d";
        return at.ToString("MMM d", System.Globalization.CultureInfo.GetCultureInfo("en-US"));
    }

    /// <summary>none under 15 minutes without a reply, amber from 15 minutes, red from 1 hour.</summary>
    public static string SlaLevel(TimeSpan waiting) => waiting >= SlaRed ? "red" : waiting >= SlaAmber ? "amber" : "ok";

    public static string Initials(string name)
    {
        var parts = name.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        return parts.Length switch
        {
            0 => "?",
            1 => parts[0][..1].ToUpperInvariant(),
            _ => (parts[0][..1] + parts[^1][..1]).ToUpperInvariant(),
        };
    }
}
