namespace DealDesk.Data.Tenancy;

/// <summary>A fee the dealership charges on every quote (doc fee, title, ...); a new quote gets one fee line per template.</summary>
public sealed record FeeTemplate(string Name, decimal Amount, bool Taxable)
{
    public const string DocFeeName = "Doc fee";
}
