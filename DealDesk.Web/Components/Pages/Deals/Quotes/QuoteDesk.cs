using DealDesk.Data.Quotes;

namespace DealDesk.Web.Components.Pages.Deals.Quotes;

/// <summary>The editor's <see cref="IQuoteDesk"/>: the same QuoteService and QuoteQueries the JSON API uses, tenant and rules included.</summary>
public sealed class QuoteDesk(QuoteService service, QuoteQueries queries) : IQuoteDesk
{
    public Task<IReadOnlyList<QuoteView>> ListAsync(Guid dealId, CancellationToken ct = default) => queries.ListAsync(dealId, ct);
    public Task<QuoteView> GetAsync(Guid quoteId, CancellationToken ct = default) => queries.GetAsync(quoteId, ct);
    public Task<QuoteSettings> SettingsAsync(CancellationToken ct = default) => queries.SettingsAsync(ct);
    public Task<IReadOnlyList<QuoteHistoryView>> HistoryAsync(Guid quoteId, CancellationToken ct = default) => queries.HistoryAsync(quoteId, ct);
    public Task<PaymentGrid> GridAsync(Guid quoteId, CancellationToken ct = default) => queries.GridAsync(quoteId, ct);
    public Task<QuoteComparison> CompareAsync(IReadOnlyList<Guid> quoteIds, CancellationToken ct = default) => queries.CompareAsync(quoteIds, ct);
    public Task<QuoteView> CreateAsync(Guid dealId, CancellationToken ct = default) => service.CreateAsync(dealId, null, ct);
    public Task<QuoteView> SaveAsync(Guid quoteId, QuotePatch patch, long expectedVersion, CancellationToken ct = default) =>
        service.SaveAsync(quoteId, patch, expectedVersion, ct);
    public Task<QuoteView> TransitionAsync(Guid quoteId, QuoteAction action, long expectedVersion, CancellationToken ct = default) =>
        service.TransitionAsync(quoteId, action, expectedVersion, ct);
    public Task<QuoteView> DuplicateAsync(Guid quoteId, CancellationToken ct = default) => service.DuplicateAsync(quoteId, ct);
    public Task DeleteAsync(Guid quoteId, long expectedVersion, CancellationToken ct = default) => service.DeleteAsync(quoteId, expectedVersion, ct);
    public Task<QuoteView> ActivateAsync(Guid quoteId, CancellationToken ct = default) => service.ActivateAsync(quoteId, ct);
}
