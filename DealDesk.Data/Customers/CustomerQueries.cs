using System.Text.RegularExpressions;
using DealDesk.Data.Deals;
using DealDesk.Data.Inventory;
using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Customers;

public sealed record PersonOption(Guid Id, string Name);

/// <summary>Type-ahead lookups for the deal dialog and the JSON API.</summary>
public sealed partial class CustomerQueries(IDbContextFactory<DealDeskDbContext> contexts, ITenantContext tenant) : ICustomerQueries
{
    /// <summary>Fewer digits than this match half the customers ("55"), so they search names and emails only.</summary>
    private const int MinPhoneDigits = 3;

    [GeneratedRegex(@"^\+?[\d\s().\-/]*\d[\d\s().\-/]*$")]
    private static partial Regex PhoneCharacters();

    /// <summary>
    /// Every word must match a name or the email (ILIKE), or, with at least 3 digits, the phone digit to digit:
    /// "5556152028", "555-615" and "(555) 615" all find +15556152028 (and an older "(555) 615-2028").
    /// A query that is all phone characters is one phone, not several words.
    /// </summary>
    public async Task<IReadOnlyList<CustomerView>> SearchAsync(string? q, int limit = 10, CancellationToken ct = default)
    {
        await using var db = await contexts.OpenAsync(ct);
        var query = db.Customers.AsNoTracking().Where(c => c.DealershipId == tenant.DealershipId);
        var text = (q ?? "").Trim();
        var terms = PhoneCharacters().IsMatch(text) ? [text] : text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5);
        foreach (var term in terms)
        {
            var p = $"%{InventoryService.EscapeLike(term)}%";
            var digits = Phones.SearchDigits(term);
            if (digits.Length >= MinPhoneDigits)
            {
                var byPhone = PhoneDigitQueries.Containing(db, tenant.DealershipId, digits);
                query = query.Where(c => EF.Functions.ILike(c.FirstName, p, "\\") || EF.Functions.ILike(c.LastName, p, "\\")
                    || EF.Functions.ILike(c.Email ?? "", p, "\\") || byPhone.Contains(c.Id));
            }
            else
            {
                query = query.Where(c => EF.Functions.ILike(c.FirstName, p, "\\") || EF.Functions.ILike(c.LastName, p, "\\")
                    || EF.Functions.ILike(c.Email ?? "", p, "\\"));
            }
        }
        var rows = await query.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).Take(Math.Clamp(limit, 1, 50)).ToListAsync(ct);
        return rows.Select(CustomerView.From).ToList();
    }

    /// <summary>
    /// The dealership's customers with this phone (however typed, against E.164 or older stored formats) or
    /// this email (trimmed, case-insensitive), for "Use existing customer Ann Lee (ann@x.com)".
    /// </summary>
    public async Task<IReadOnlyList<CustomerMatch>> FindMatchesAsync(string? email, string? phone, CancellationToken ct = default)
    {
        await using var db = await contexts.OpenAsync(ct);
        return await CustomerMatching.FindAsync(db, tenant.DealershipId ?? Guid.Empty, email, phone, except: null, ct);
    }

    /// <summary>The dealership's people a manager can assign a deal to.</summary>
    public async Task<IReadOnlyList<PersonOption>> SalespeopleAsync(CancellationToken ct = default)
    {
        await using var db = await contexts.OpenAsync(ct);
        return await db.Users.AsNoTracking().Where(u => u.DealershipId == tenant.DealershipId)
            .OrderBy(u => u.DisplayName).Select(u => new PersonOption(u.Id, u.DisplayName)).ToListAsync(ct);
    }
}
