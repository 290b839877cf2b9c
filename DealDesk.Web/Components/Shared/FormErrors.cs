using DealDesk.Data.Errors;
using FluentValidation;

namespace DealDesk.Web.Components.Shared;

/// <summary>
/// Field messages for a simple form, keyed by the camelCase paths the services use: filled from the
/// same FluentValidation validator before submitting, and from a VALIDATION_FAILED answer after.
/// </summary>
public sealed class FormErrors
{
    private readonly Dictionary<string, string> _messages = new(StringComparer.OrdinalIgnoreCase);

    public bool Any => _messages.Count > 0;
    public bool Has(string path) => _messages.ContainsKey(path);
    public string? For(string path) => _messages.GetValueOrDefault(path);
    public void Clear() => _messages.Clear();
    public void Clear(string path) => _messages.Remove(path);

    /// <summary>True when valid; otherwise the messages are shown. Phones are read as dialled in <paramref name="phoneRegion"/>.</summary>
    public bool Check<T>(IValidator<T> validator, T model, string? phoneRegion = null)
    {
        _messages.Clear();
        foreach (var e in validator.Validate(DealDesk.Data.Customers.PhoneRegion.Context(model, phoneRegion)).Errors)
            _messages.TryAdd(Validation.CamelPath(e.PropertyName), e.ErrorMessage);
        return _messages.Count == 0;
    }

    /// <summary>Takes the field messages of a typed error; false when it had none (show it as an alert then).</summary>
    public bool Take(AppError error)
    {
        if (error.Details?.GetValueOrDefault("fields") is not IReadOnlyDictionary<string, string[]> fields || fields.Count == 0) return false;
        _messages.Clear();
        foreach (var (path, messages) in fields)
            if (messages.Length > 0) _messages[path] = messages[0];
        return true;
    }
}
