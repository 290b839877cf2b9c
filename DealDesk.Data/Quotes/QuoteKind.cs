using DealDesk.Data.Deals;

namespace DealDesk.Data.Quotes;

/// <summary>How the customer pays: the same strings as <see cref="ScenarioKind"/>.</summary>
public static class QuoteKind
{
    public const string Finance = ScenarioKind.Finance;
    public const string Lease = ScenarioKind.Lease;
    public const string Cash = ScenarioKind.Cash;
    public static readonly IReadOnlyList<string> All = [Finance, Lease, Cash];
}
