using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace DealDesk.Data.Customers;

/// <summary>
/// Phone numbers as people type them, stored as E.164 ("+15558881212") and shown in the national
/// format at home ("(555) 888-1212"), internationally otherwise ("+44 20 7946 0958").
/// </summary>
public static partial class Phones
{
    /// <summary>
    /// The region of a number typed without a country code. One constant for now; a per-dealership
    /// country comes with the dealership settings.
    /// </summary>
    public const string DefaultRegion = "US";

    public const string InvalidMessage = "Enter a phone number, e.g. (555) 123-4567 or +44 20 7946 0958.";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();
    private static readonly int DefaultCountryCode = Util.GetCountryCodeForRegion(DefaultRegion);

    /// <summary>
    /// Digits, spaces and the usual punctuation only: libphonenumber would otherwise read letters as a
    /// vanity number ("1-800-FLOWERS") or an extension, neither of which E.164 can store.
    /// </summary>
    [GeneratedRegex(@"^\+?[\d\s().\-/]+$")]
    private static partial Regex PhoneCharacters();

    [GeneratedRegex(@"\D")]
    private static partial Regex NonDigit();

    /// <summary>
    /// A complete number of a plausible length for its country. Not libphonenumber's IsValidNumber: that
    /// refuses the fictional 555 exchanges the demo data and the salespeople's examples use.
    /// </summary>
    public static bool IsValid(string? input) => TryParse(input, out _);

    /// <summary>E.164 for a valid number, null for a blank one; an invalid one is a bug (validate first).</summary>
    public static string? Normalize(string? input)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        if (!TryParse(input, out var number)) throw new ArgumentException($"Not a valid phone number: '{input}'.", nameof(input));
        return Util.Format(number, PhoneNumberFormat.E164);
    }

    /// <summary>
    /// How a stored phone is shown: national format for the default region, international for others.
    /// Older rows hold "(555) 123-4567" and are shown the same way; anything unreadable is shown as stored.
    /// </summary>
    [return: NotNullIfNotNull(nameof(stored))]
    public static string? Format(string? stored)
    {
        if (string.IsNullOrWhiteSpace(stored) || !TryParse(stored, out var number)) return stored;
        return Util.Format(number, number.CountryCode == DefaultCountryCode ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
    }

    public static string Digits(string? text) => NonDigit().Replace(text ?? "", "");

    /// <summary>
    /// The digit strings a stored phone of this number reduces to: its E.164 digits and, for the default
    /// region, the national digits older rows ("(555) 123-4567") were saved with. Empty when not a number.
    /// </summary>
    public static IReadOnlyList<string> StoredDigits(string? input)
    {
        if (!TryParse(input, out var number)) return [];
        var national = Util.GetNationalSignificantNumber(number);
        return number.CountryCode == DefaultCountryCode ? [$"{number.CountryCode}{national}", national] : [$"{number.CountryCode}{national}"];
    }

    /// <summary>
    /// The digits of a search term as they appear in a stored phone: "+1 555 615" searches for 555615, since
    /// older rows were saved without the country code.
    /// </summary>
    public static string SearchDigits(string term)
    {
        var digits = Digits(term);
        var home = DefaultCountryCode.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return term.TrimStart().StartsWith('+') && digits.StartsWith(home, StringComparison.Ordinal) ? digits[home.Length..] : digits;
    }

    private static bool TryParse(string? input, [NotNullWhen(true)] out PhoneNumber? number)
    {
        number = null;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40 || !PhoneCharacters().IsMatch(input.Trim())) return false;
        try
        {
            number = Util.Parse(input.Trim(), DefaultRegion);
        }
        catch (NumberParseException)
        {
            return false;
        }
        return Util.IsPossibleNumberWithReason(number) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE;
    }
}
