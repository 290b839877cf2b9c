using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text.RegularExpressions;
using PhoneNumbers;

namespace DealDesk.Data.Customers;

/// <summary>
/// Phone numbers as people type them, stored as E.164 ("+15558881212") and shown in the national format of the
/// dealership's country ("(555) 888-1212" in the US, "020 7946 0958" in Great Britain), internationally otherwise.
/// Every method takes that country as a region code ("US", "GB"); null means <see cref="DefaultRegion"/>.
/// </summary>
public static partial class Phones
{
    /// <summary>The region of a dealership that has not chosen one (the column's default) and of rows stored before E.164.</summary>
    public const string DefaultRegion = "US";

    /// <summary>The message at home in the US; <see cref="InvalidMessageFor"/> gives the one for a region.</summary>
    public const string InvalidMessage = "Enter a phone number, e.g. (555) 123-4567 or +44 20 7946 0958.";

    private static readonly PhoneNumberUtil Util = PhoneNumberUtil.GetInstance();

    /// <summary>
    /// Digits, spaces and the usual punctuation only: libphonenumber would otherwise read letters as a
    /// vanity number ("1-800-FLOWERS") or an extension, neither of which E.164 can store.
    /// </summary>
    [GeneratedRegex(@"^\+?[\d\s().\-/]+$")]
    private static partial Regex PhoneCharacters();

    [GeneratedRegex(@"\D")]
    private static partial Regex NonDigit();

    /// <summary>
    /// A complete number of a plausible length for its country, read as dialled in <paramref name="region"/> when it
    /// has no "+". Not libphonenumber's IsValidNumber: that refuses the fictional 555 exchanges the demo data and the
    /// salespeople's examples use.
    /// </summary>
    public static bool IsValid(string? input, string? region = null) => TryParse(input, region, out _);

    /// <summary>E.164 for a valid number, null for a blank one; an invalid one is a bug (validate first).</summary>
    public static string? Normalize(string? input, string? region = null)
    {
        if (string.IsNullOrWhiteSpace(input)) return null;
        if (!TryParse(input, region, out var number)) throw new ArgumentException($"Not a valid phone number: '{input}'.", nameof(input));
        return Util.Format(number, PhoneNumberFormat.E164);
    }

    /// <summary>
    /// How a stored phone is shown in <paramref name="region"/>: national format for that country's numbers,
    /// international for others. Older rows hold "(555) 123-4567" (US numbers, saved before E.164) and are read as
    /// such; anything unreadable is shown as stored.
    /// </summary>
    [return: NotNullIfNotNull(nameof(stored))]
    public static string? Format(string? stored, string? region = null)
    {
        if (string.IsNullOrWhiteSpace(stored) || !TryParse(stored, DefaultRegion, out var number)) return stored;
        return Util.Format(number, number.CountryCode == CountryCode(region) ? PhoneNumberFormat.NATIONAL : PhoneNumberFormat.INTERNATIONAL);
    }

    /// <summary>"Enter a phone number, e.g. …" with an example as the region's people write it, and an international one.</summary>
    public static string InvalidMessageFor(string? region)
    {
        var code = RegionOrDefault(region);
        if (code == DefaultRegion) return InvalidMessage;
        var example = Util.GetExampleNumber(code);
        return example is null
            ? InvalidMessage
            : $"Enter a phone number, e.g. {Util.Format(example, PhoneNumberFormat.NATIONAL)} or +1 555 123 4567.";
    }

    public static string Digits(string? text) => NonDigit().Replace(text ?? "", "");

    /// <summary>
    /// The digit strings a stored phone of this number reduces to: its E.164 digits and, for US numbers, the
    /// national digits older rows ("(555) 123-4567") were saved with. Empty when not a number.
    /// </summary>
    public static IReadOnlyList<string> StoredDigits(string? input, string? region = null)
    {
        if (!TryParse(input, region, out var number)) return [];
        var national = Util.GetNationalSignificantNumber(number);
        return number.CountryCode == CountryCode(DefaultRegion) ? [$"{number.CountryCode}{national}", national] : [$"{number.CountryCode}{national}"];
    }

    /// <summary>
    /// The digits of a search term as they appear in a stored phone (E.164 digits, or national digits on older
    /// rows): "+1 555 615" searches for 555615 and, in Great Britain, "020 7946" for 207946, since the stored
    /// number carries neither the home country code in front of older rows nor the trunk prefix "0".
    /// </summary>
    public static string SearchDigits(string term, string? region = null)
    {
        var digits = Digits(term);
        var code = RegionOrDefault(region);
        var home = CountryCode(code).ToString(CultureInfo.InvariantCulture);
        if (term.TrimStart().StartsWith('+'))
            return digits.StartsWith(home, StringComparison.Ordinal) && code == DefaultRegion ? digits[home.Length..] : digits;
        // Where the trunk prefix is also the country code (the US "1"), a leading 1 may be part of the number searched for.
        var trunk = Util.GetNddPrefixForRegion(code, true);
        return !string.IsNullOrEmpty(trunk) && trunk != home && digits.Length > trunk.Length && digits.StartsWith(trunk, StringComparison.Ordinal)
            ? digits[trunk.Length..]
            : digits;
    }

    /// <summary>The region code itself when libphonenumber knows it ("gb" → "GB"), else <see cref="DefaultRegion"/>.</summary>
    public static string RegionOrDefault(string? region)
    {
        var code = region?.Trim().ToUpperInvariant();
        return code is { Length: 2 } && Util.GetSupportedRegions().Contains(code) ? code : DefaultRegion;
    }

    private static int CountryCode(string? region) => Util.GetCountryCodeForRegion(RegionOrDefault(region));

    private static bool TryParse(string? input, string? region, [NotNullWhen(true)] out PhoneNumber? number)
    {
        number = null;
        if (string.IsNullOrWhiteSpace(input) || input.Length > 40 || !PhoneCharacters().IsMatch(input.Trim())) return false;
        try
        {
            number = Util.Parse(input.Trim(), RegionOrDefault(region));
        }
        catch (NumberParseException)
        {
            return false;
        }
        return Util.IsPossibleNumberWithReason(number) == PhoneNumberUtil.ValidationResult.IS_POSSIBLE;
    }
}
