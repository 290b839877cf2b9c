using FluentValidation;

namespace DealDesk.Data.Customers;

/// <summary>
/// Carries the dealership's country into FluentValidation's phone rule. Validators are singletons shared by every
/// dealership, so the country travels with each validation (its root context data), set by whoever validates:
/// the services from the dealership row, the forms from the layout's cascaded region.
/// </summary>
public static class PhoneRegion
{
    private const string Key = "phoneRegion";

    /// <summary>A context for <paramref name="instance"/> whose phone rules read numbers as dialled in <paramref name="region"/>.</summary>
    public static ValidationContext<T> Context<T>(T instance, string? region)
    {
        var context = new ValidationContext<T>(instance);
        if (region is not null) context.RootContextData[Key] = region;
        return context;
    }

    /// <summary>The region a validation runs for; <see cref="Phones.DefaultRegion"/> when nobody said.</summary>
    public static string Of(IValidationContext context) =>
        context.RootContextData.TryGetValue(Key, out var region) && region is string code ? Phones.RegionOrDefault(code) : Phones.DefaultRegion;
}
