using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Customers;

/// <summary>
/// Customers by the digits of their phone, so "(555) 615-2028" (older rows) and "+15556152028" compare alike.
/// Raw SQL because Npgsql translates Regex.Replace to regexp_replace without the 'g' flag, which strips only
/// the first non-digit. No index serves these: a scan of the dealership's customers (an expression index
/// would be a schema change).
/// </summary>
internal static class PhoneDigitQueries
{
    /// <summary>Ids of the customers whose phone digits contain <paramref name="digits"/>.</summary>
    public static IQueryable<Guid> Containing(DealDeskDbContext db, Guid? dealershipId, string digits) =>
        db.Customers.FromSql($@"SELECT * FROM customers WHERE dealership_id = {dealershipId}
            AND regexp_replace(phone, '\D', '', 'g') LIKE '%' || {digits} || '%'").Select(c => c.Id);

    /// <summary>Ids of the customers whose phone digits are exactly one of <paramref name="digits"/>.</summary>
    public static IQueryable<Guid> EqualTo(DealDeskDbContext db, Guid? dealershipId, string[] digits) =>
        db.Customers.FromSql($@"SELECT * FROM customers WHERE dealership_id = {dealershipId}
            AND regexp_replace(phone, '\D', '', 'g') = ANY({digits})").Select(c => c.Id);
}
