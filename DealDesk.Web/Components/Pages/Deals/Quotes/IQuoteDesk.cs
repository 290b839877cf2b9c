using DealDesk.Data.Quotes;

namespace DealDesk.Web.Components.Pages.Deals.Quotes;

/// <summary>
/// What the quote editor asks of the quote services, in-process (never through the HTTP API). An interface so bUnit
/// tests fake it at this boundary; <see cref="QuoteDesk"/> is the real one.
/// </summary>
public interface IQuoteDesk
{
    Task<IReadOnlyList<QuoteView>> ListAsync(Guid dealId, CancellationToken ct = default);
    Task<QuoteView> GetAsync(Guid quoteId, CancellationToken ct = default);
    Task<QuoteSettings> SettingsAsync(CancellationToken ct = default);
    Task<IReadOnlyList<QuoteHistoryView>> HistoryAsync(Guid quoteId, CancellationToken ct = default);
    Task<PaymentGrid> GridAsync(Guid quoteId, CancellationToken ct = default);
    Task<QuoteComparison> CompareAsync(IReadOnlyList<Guid> quoteIds, CancellationToken ct = default);
    Task<QuoteView> CreateAsync(Guid dealId, CancellationToken ct = default);
    Task<QuoteView> SaveAsync(Guid quoteId, QuotePatch patch, long expectedVersion, CancellationToken ct = default);
    Task<QuoteView> TransitionAsync(Guid quoteId, QuoteAction action, long expectedVersion, CancellationToken ct = default);
    Task<QuoteView> DuplicateAsync(Guid quoteId, CancellationToken ct = default);
    Task DeleteAsync(Guid quoteId, long expectedVersion, CancellationToken ct = default);
    Task<QuoteView> ActivateAsync(Guid quoteId, CancellationToken ct = default);
}
