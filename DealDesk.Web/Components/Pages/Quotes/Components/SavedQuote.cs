using DealDesk.Data.QuickQuotes;

namespace DealDesk.Web.Components.Pages.Quotes.Components;

/// <summary>The quote the form last saved (or was opened with): what "Convert to deal" acts on.</summary>
public sealed record SavedQuote(Guid Id, string CustomerName, decimal MonthlyPayment, bool IsConverted, Guid? DealId, string? DealNumber)
{
    public static SavedQuote From(QuickQuoteView q) =>
        new(q.Id, q.CustomerName, q.MonthlyPayment, q.Status == QuickQuoteStatus.Converted, q.ConvertedDealId, null);

    public static SavedQuote From(QuickQuoteSummary q) => new(q.Id, q.CustomerName, q.MonthlyPayment, q.IsConverted, q.ConvertedDealId, q.DealNumber);
}
