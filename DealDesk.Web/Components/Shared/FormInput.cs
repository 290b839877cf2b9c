using System.Globalization;

namespace DealDesk.Web.Components.Shared;

/// <summary>
/// Reading what a form posted. Numbers use the invariant culture (the placeholders say 25000) and
/// tolerate "$", "%" and "25,000"; one that does not parse is left out and gets a field error.
/// </summary>
public static class FormInput
{
    public static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    public static decimal? Money(FormErrors errors, string field, string? raw, string message) =>
        Decimal(errors, field, raw?.Replace("$", ""), message);

    public static decimal? Percent(FormErrors errors, string field, string? raw, string message) =>
        Decimal(errors, field, raw?.Replace("%", ""), message);

    public static int? Months(FormErrors errors, string field, string? raw)
    {
        if (Blank(raw) is not { } text) return null;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var months)) return months;
        errors.Add(field, "Enter the term in whole months, like 60.");
        return null;
    }

    private static decimal? Decimal(FormErrors errors, string field, string? raw, string message)
    {
        if (Blank(raw) is not { } text) return null;
        if (decimal.TryParse(text, NumberStyles.Number, CultureInfo.InvariantCulture, out var value)) return value;
        errors.Add(field, message);
        return null;
    }
}
