using System.Globalization;

namespace DealDesk.Web.Components.Shared;

/// <summary>
/// Money as the dealership's staff read it ($12,345.00), the same whatever culture the server runs in.
/// Every dealership sells in US dollars today; this is the one place to change when that stops being true.
/// </summary>
public static class Money
{
    private static readonly CultureInfo Culture = CultureInfo.GetCultureInfo("en-US");

    public static string Format(decimal amount) => amount.ToString("C2", Culture);

    /// <summary>An amount that may be missing; "—" stands in for it.</summary>
    public static string Format(decimal? amount) => amount is { } a ? Format(a) : "—";

    /// <summary>6.9 → "6.90 %".</summary>
    public static string Percent(decimal percent) => percent.ToString("0.00", Culture) + " %";

    /// <summary>
    /// A payment means something only once the deal has a price: a blank deal (no vehicle, price 0) has
    /// no payment yet, whatever the calculator made of its fees.
    /// </summary>
    public static bool HasPayment(decimal? price, decimal? monthlyPayment) => price > 0 && monthlyPayment is not null;
}
