namespace DealDesk.Data.Inventory;

/// <summary>
/// The North American VIN rule (49 CFR 565, ISO 3779): 17 characters from 0-9 and A-Z without I, O and Q; the 9th is a
/// check digit: each character transliterated to a number, weighted 8,7,6,5,4,3,2,10,0,9,8,7,6,5,4,3,2, the sum mod 11,
/// with 10 written as X. A mistyped character changes the sum, so most typing errors are caught before they reach a deal.
/// </summary>
public static class VinCheck
{
    public const int Length = 17;

    private static readonly int[] Weights = [8, 7, 6, 5, 4, 3, 2, 10, 0, 9, 8, 7, 6, 5, 4, 3, 2];

    /// <summary>Null when <paramref name="vin"/> is a valid VIN, else why not, in words for the form.</summary>
    public static string? Problem(string? vin)
    {
        if (string.IsNullOrWhiteSpace(vin)) return "Enter the VIN.";
        if (vin.Length != Length) return $"A VIN has {Length} characters; this one has {vin.Length}.";
        foreach (var c in vin)
        {
            if (c is 'I' or 'O' or 'Q') return $"A VIN never contains I, O or Q (found {c}); it is probably 1 or 0.";
            if (Value(c) is null) return $"A VIN has only digits and capital letters (found '{c}').";
        }
        var expected = CheckDigit(vin);
        return vin[8] == expected ? null : $"The VIN's check digit (9th character) should be {expected}: a character is probably mistyped.";
    }

    public static bool IsValid(string? vin) => Problem(vin) is null;

    /// <summary>The 9th character a VIN with these other 16 characters must have. Assumes 17 valid characters.</summary>
    public static char CheckDigit(ReadOnlySpan<char> vin)
    {
        var sum = 0;
        for (var i = 0; i < Length; i++) sum += (Value(vin[i]) ?? 0) * Weights[i];
        var remainder = sum % 11;
        return remainder == 10 ? 'X' : (char)('0' + remainder);
    }

    /// <summary>Upper case, no spaces: what a VIN typed or pasted means.</summary>
    public static string Normalize(string? vin) => (vin ?? "").Trim().Replace(" ", "").ToUpperInvariant();

    /// <summary>The transliteration table: A-H → 1-8, J-R → 1-9 (no O, Q), S-Z → 2-9 (no I), digits as themselves.</summary>
    private static int? Value(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'A' and <= 'H' => c - 'A' + 1,
        >= 'J' and <= 'N' => c - 'J' + 1,
        'P' => 7,
        'R' => 9,
        >= 'S' and <= 'Z' => c - 'S' + 2,
        _ => null,
    };
}
