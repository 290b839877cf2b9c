using DealDesk.Data.Errors;

namespace DealDesk.Web.Components.Shared;

/// <summary>A typed error as a page shows it: the salesperson's message plus the reference support asks for.</summary>
public sealed record ShownError(AppError Error, string Reference)
{
    public string Message => Error.Message;
    public string Code => Error.Code;

    /// <summary>The field messages of a VALIDATION_FAILED error ("fields" → camelCase path → messages).</summary>
    public IReadOnlyDictionary<string, string[]> Fields =>
        Error.Details?.GetValueOrDefault("fields") as IReadOnlyDictionary<string, string[]> ?? new Dictionary<string, string[]>();
}
