using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Customers;

/// <summary>
/// Customers by the digits of their phone, so "(555) 615-2028" (older rows) and "+15556152028" compare alike.
/// Raw SQL because Npgsql translates Regex.Replace to regexp_replace without the 'g' flag, which strips only
/// the first non-digit. Searches by digits go through app_customer_ids_matching (see CustomerQueries).
/// </summary>
internal static class PhoneDigitQueries
{
    /// <summary>Ids of the customers whose phone digits are exactly one of <paramref name="digits"/>.</summary>
    public static IQueryable<Guid> EqualTo(DealDeskDbContext db, Guid? dealershipId, string[] digits) =>
        db.Customers.FromSql($@"SELECT * FROM customers WHERE dealership_id = {dealershipId}
            AND regexp_replace(phone, '\D', '', 'g') = ANY({digits})").Select(c => c.Id);
}
