using System.Security.Cryptography;

namespace DealDesk.Data.Staff;

/// <summary>
/// Passwords a manager reads out or pastes once: 16 characters from an alphabet without look-alikes
/// (no 0/O, 1/l/I), always with an upper, a lower, a digit and a symbol so Identity's rules accept it.
/// </summary>
public static class TemporaryPasswords
{
    const string Upper = "ABCDEFGHJKLMNPQRSTUVWXYZ";
    const string Lower = "abcdefghijkmnopqrstuvwxyz";
    const string Digits = "23456789";
    const string Symbols = "!#$%*+-=?@";
    const int Length = 16;

    public static string New()
    {
        var all = Upper + Lower + Digits;
        var chars = new char[Length];
        chars[0] = Upper[RandomNumberGenerator.GetInt32(Upper.Length)];
        chars[1] = Lower[RandomNumberGenerator.GetInt32(Lower.Length)];
        chars[2] = Digits[RandomNumberGenerator.GetInt32(Digits.Length)];
        chars[3] = Symbols[RandomNumberGenerator.GetInt32(Symbols.Length)];
        for (var i = 4; i < Length; i++) chars[i] = all[RandomNumberGenerator.GetInt32(all.Length)];
        RandomNumberGenerator.Shuffle(chars.AsSpan());
        return new string(chars);
    }
}
