using FluentValidation;

namespace DealDesk.Data.Errors;

public static class Validation
{
    /// <summary>
    /// Validates before any database work; failures become VALIDATION_FAILED with camelCase field paths. Phones are
    /// read as dialled in <paramref name="phoneRegion"/> (the dealership's country).
    /// </summary>
    public static void ThrowIfInvalid<T>(this IValidator<T> validator, T instance, string? phoneRegion = null)
    {
        var result = validator.Validate(Customers.PhoneRegion.Context(instance, phoneRegion));
        if (result.IsValid) return;
        var fields = result.Errors
            .GroupBy(e => CamelPath(e.PropertyName))
            .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray());
        throw new DealDeskException(AppError.Validation(fields));
    }

    public static string CamelPath(string path) =>
        string.Join('.', path.Split('.').Select(p => p.Length == 0 ? p : char.ToLowerInvariant(p[0]) + p[1..]));
}
