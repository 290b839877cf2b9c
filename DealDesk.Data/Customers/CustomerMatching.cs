using DealDesk.Data.Deals;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Customers;

/// <summary>An existing customer who looks like the one being entered, and why.</summary>
public sealed record CustomerMatch(CustomerView Customer, bool SamePhone, bool SameEmail);

/// <summary>
/// Finds the dealership's customers with the same phone or email, so a returning customer is picked
/// instead of entered twice. Phones are compared digit to digit: rows saved before E.164 hold "(555) 123-4567".
/// </summary>
internal static class CustomerMatching
{
    public const int Limit = 10;

    public static async Task<IReadOnlyList<CustomerMatch>> FindAsync(DealDeskDbContext db, Guid dealershipId, string? email, string? phone,
        Guid? except, CancellationToken ct)
    {
        var region = string.IsNullOrWhiteSpace(phone) ? null : await DealershipPhoneRegion.ReadAsync(db, dealershipId, ct);
        var phoneDigits = Phones.StoredDigits(phone, region).ToArray();
        var mail = string.IsNullOrWhiteSpace(email) ? null : email.Trim().ToLowerInvariant();
        if (phoneDigits.Length == 0 && mail is null) return [];

        var query = db.Customers.AsNoTracking().Where(c => c.DealershipId == dealershipId);
        if (except is { } id) query = query.Where(c => c.Id != id);
        // phone_digits is the stored generated column: "(555) 615-2028" and "+15556152028" compare alike.
        var rows = await query
            .Where(c => (mail != null && c.Email != null && c.Email.Trim().ToLower() == mail) || phoneDigits.Contains(c.PhoneDigits!))
            .OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id)
            .Take(Limit)
            .ToListAsync(ct);
        return rows.Select(c => new CustomerMatch(CustomerView.From(c),
                SamePhone: c.Phone is not null && phoneDigits.Contains(Phones.Digits(c.Phone)),
                SameEmail: mail is not null && c.Email?.Trim().ToLowerInvariant() == mail))
            .ToList();
    }
}
