using System.Globalization;

namespace DealDesk.Web.Components.Shared;

/// <summary>Display formats: US dealership money and rates, independent of the server's culture.</summary>
public static class Format
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public static CultureInfo Culture => Us;
    public static string Money(decimal value) => value.ToString("C2", Us);
    public static string WholeMoney(decimal value) => value.ToString("C0", Us);
    public static string Percent(decimal value) => value.ToString("0.00", Us) + " %";
    public static string Date(DateTimeOffset value) => value.ToString("MMM d, yyyy h:mm tt", Us);
}
