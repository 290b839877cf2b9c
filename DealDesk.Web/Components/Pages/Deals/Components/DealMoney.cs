using System.Globalization;

namespace DealDesk.Web.Components.Pages.Deals.Components;

/// <summary>Money as the dealership shows it: US dollars, $12,345.00.</summary>
public static class DealMoney
{
    public static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    public static string Format(decimal amount) => amount.ToString("C2", Culture);
}
