namespace DealDesk.Web.Components.Pages.Deals.Components;

/// <summary>The service's field paths for the first scenario (VALIDATION_FAILED details use the same).</summary>
public static class ScenarioPaths
{
    public const string Price = "scenario.price";
    public const string DownPayment = "scenario.downPayment";
    public const string TradeInValue = "scenario.tradeInValue";
    public const string TradeInPayoff = "scenario.tradeInPayoff";
    public const string Term = "scenario.termMonths";
    public const string Apr = "scenario.apr";
}
