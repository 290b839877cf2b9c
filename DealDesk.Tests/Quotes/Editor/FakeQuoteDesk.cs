using DealDesk.Data.Errors;
using DealDesk.Data.Quotes;
using DealDesk.Data.Tenancy;
using DealDesk.Web.Components.Pages.Deals.Quotes;

namespace DealDesk.Tests.Quotes.Editor;

/// <summary>
/// The editor's quote services in memory, with the real maths: saves check the version as the service does
/// (QUOTE_CONFLICT_VERSION with its details), apply the patch and recompute the figures. <see cref="SaveAsColleague"/>
/// plays a colleague's save at another desk.
/// </summary>
public sealed class FakeQuoteDesk : IQuoteDesk
{
    public static readonly QuoteSettings Settings = new(0.0725m, true, 1_000m, ["USD"], [new FeeTemplate("Doc fee", 499m, false)], 6.9m);
    public static readonly Guid ColleagueId = Guid.Parse("0b7e0a52-55c1-4b5e-9d55-1f0a7f6d0099");

    public Dictionary<Guid, QuoteView> Quotes { get; } = [];
    public List<(Guid QuoteId, QuotePatch Patch, long Version)> Saves { get; } = [];
    public Dictionary<Guid, List<QuoteHistoryView>> History { get; } = [];

    public Task<IReadOnlyList<QuoteView>> ListAsync(Guid dealId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<QuoteView>>([.. Quotes.Values.Where(q => q.DealId == dealId).OrderBy(q => q.CreatedAt)]);

    public Task<QuoteView> GetAsync(Guid quoteId, CancellationToken ct = default) =>
        Quotes.TryGetValue(quoteId, out var q) ? Task.FromResult(q) : throw new DealDeskException(AppError.NotFound("Quote", quoteId));

    public Task<QuoteSettings> SettingsAsync(CancellationToken ct = default) => Task.FromResult(Settings);

    public Task<IReadOnlyList<QuoteHistoryView>> HistoryAsync(Guid quoteId, CancellationToken ct = default) =>
        Task.FromResult<IReadOnlyList<QuoteHistoryView>>(History.GetValueOrDefault(quoteId) ?? []);

    public Task<PaymentGrid> GridAsync(Guid quoteId, CancellationToken ct = default) =>
        Task.FromResult(PaymentGrid.Build(Quotes[quoteId].Input, Rules, Settings.DownPaymentStep));

    public Task<QuoteComparison> CompareAsync(IReadOnlyList<Guid> quoteIds, CancellationToken ct = default) =>
        Task.FromResult(new QuoteComparison([.. quoteIds.Select(id => Quotes[id])], []));

    public Task<QuoteView> CreateAsync(Guid dealId, CancellationToken ct = default) => throw new NotSupportedException();

    public Task<QuoteView> SaveAsync(Guid quoteId, QuotePatch patch, long expectedVersion, CancellationToken ct = default)
    {
        Saves.Add((quoteId, patch, expectedVersion));
        return Task.FromResult(Save(quoteId, patch, expectedVersion, "Sam Seller", Guid.Empty));
    }

    /// <summary>A colleague's save committed elsewhere: the stored quote moves on a version.</summary>
    public QuoteView SaveAsColleague(Guid quoteId, QuotePatch patch) => Save(quoteId, patch, Quotes[quoteId].Version, "Cleo Closer", ColleagueId);

    public Task<QuoteView> TransitionAsync(Guid quoteId, QuoteAction action, long expectedVersion, CancellationToken ct = default) =>
        throw new NotSupportedException();

    public Task<QuoteView> DuplicateAsync(Guid quoteId, CancellationToken ct = default) => throw new NotSupportedException();
    public Task DeleteAsync(Guid quoteId, long expectedVersion, CancellationToken ct = default) => throw new NotSupportedException();
    public Task<QuoteView> ActivateAsync(Guid quoteId, CancellationToken ct = default) => throw new NotSupportedException();

    public static QuoteTaxRules Rules => new(Settings.TaxRate, Settings.TradeInReducesTaxable);

    private QuoteView Save(Guid quoteId, QuotePatch patch, long expectedVersion, string by, Guid byId)
    {
        var current = Quotes[quoteId];
        if (current.Version != expectedVersion)
            throw new DealDeskException(QuoteErrors.ConflictVersion(expectedVersion, current.Version, current.LastModifiedBy, current.LastModifiedAt,
                ["apr"]));
        var input = patch.ApplyTo(current.Input);
        var saved = current with
        {
            Name = patch.Name.IsSet ? patch.Name.Value! : current.Name,
            Input = input,
            Figures = QuoteCalculator.Compute(input, Rules, current.Figures.FrontGross is { } g ? current.Figures.SellingPrice - g : null),
            Version = current.Version + 1,
            LastModifiedBy = by,
            LastModifiedById = byId,
            LastModifiedAt = current.LastModifiedAt.AddMinutes(5),
        };
        Quotes[quoteId] = saved;
        return saved;
    }
}
