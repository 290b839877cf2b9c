namespace DealDesk.Data.Quotes;

/// <summary>A reason the server cannot price a well-formed quote, on the field (FluentValidation's PascalCase path) to fix.</summary>
public sealed record PricingProblem(string Field, string Message);
