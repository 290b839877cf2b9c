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
        var rows = await (await MatchingAsync(db, q, ct)).OrderBy(c => c.LastName).ThenBy(c => c.FirstName).Take(Math.Clamp(limit, 1, 50)).ToListAsync(ct);
        return rows.Select(CustomerView.From).ToList();
    }

    /// <summary>The customer list: the same matching as <see cref="SearchAsync"/>, a page at a time, with each customer's deal count.</summary>
    public async Task<Paged<CustomerSummary>> ListAsync(CustomerSearch search, CancellationToken ct = default)
    {
        var pageSize = Math.Clamp(search.PageSize, 1, 100);
        var page = Math.Max(1, search.Page);
        await using var db = await contexts.OpenAsync(ct);
        var query = await MatchingAsync(db, search.Q, ct);
        var total = await query.CountAsync(ct);
        var ordered = (search.Sort, search.Descending) switch
        {
            ("createdAt", false) => query.OrderBy(c => c.CreatedAt).ThenBy(c => c.Id),
            ("createdAt", true) => query.OrderByDescending(c => c.CreatedAt).ThenBy(c => c.Id),
            ("email", false) => query.OrderBy(c => c.Email).ThenBy(c => c.Id),
            ("email", true) => query.OrderByDescending(c => c.Email).ThenBy(c => c.Id),
            (_, true) => query.OrderByDescending(c => c.LastName).ThenByDescending(c => c.FirstName).ThenBy(c => c.Id),
            _ => query.OrderBy(c => c.LastName).ThenBy(c => c.FirstName).ThenBy(c => c.Id),
        };
        var items = await ordered.Skip((page - 1) * pageSize).Take(pageSize)
            .Select(c => new CustomerSummary(c.Id, c.FirstName, c.LastName, c.Email, c.Phone, c.City,
                db.Deals.Count(d => d.DealershipId == c.DealershipId && d.CustomerId == c.Id), c.CreatedAt))
            .ToListAsync(ct);
        return new Paged<CustomerSummary>(items, page, pageSize, total);
    }

    /// <summary>
    /// Every word must match a name or the email (ILIKE), or, with at least 3 digits, the phone digit to digit:
    /// "5556152028", "555-615" and "(555) 615" all find +15556152028 (and an older "(555) 615-2028").
    /// A query that is all phone characters is one phone, not several words. Each word is looked up by
    /// app_customer_ids_matching (migration CustomerSearchIndexes): row-level security would keep the planner from
    /// using the trigram indexes for ILIKE here, and without them a search reads every customer of the dealership.
    /// </summary>
    private async Task<IQueryable<Customer>> MatchingAsync(DealDeskDbContext db, string? q, CancellationToken ct)
    {
        var query = db.Customers.AsNoTracking().Where(c => c.DealershipId == tenant.DealershipId);
        var text = (q ?? "").Trim();
        // "020 7946" is 207946 in a British dealership's stored numbers: the trunk prefix depends on the country.
        var region = text.Any(char.IsAsciiDigit) && tenant.DealershipId is { } id ? await DealershipPhoneRegion.ReadAsync(db, id, ct) : null;
        var terms = PhoneCharacters().IsMatch(text) ? [text] : text.Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5);
        foreach (var term in terms)
        {
            var p = $"%{InventoryService.EscapeLike(term)}%";
            var digits = Phones.SearchDigits(term, region);
            var ids = db.Database.SqlQuery<Guid>(
                $"SELECT id AS \"Value\" FROM app_customer_ids_matching({p}::text, {(digits.Length >= MinPhoneDigits ? digits : null)}::text) AS id");
            query = query.Where(c => ids.Contains(c.Id));
        }
        return query;
    }

    /// <summary>The customer page's record: contact details, deals (newest first), their quotes and the customer's audit trail.</summary>
    public async Task<CustomerDetails> GetDetailsAsync(Guid id, CancellationToken ct = default)
    {
        await using var db = await contexts.OpenAsync(ct);
        var customer = await db.Customers.AsNoTracking().SingleOrDefaultAsync(c => c.Id == id && c.DealershipId == tenant.DealershipId, ct)
            ?? throw await Ownership.MissingAsync(db, "customers", "Customer", id, ct);
        var deals = await (from d in db.Deals.AsNoTracking()
                           where d.DealershipId == customer.DealershipId && d.CustomerId == id
                           join v in db.Vehicles on d.VehicleId equals (Guid?)v.Id into vs
                           from v in vs.DefaultIfEmpty()
                           join u in db.Users on d.SalespersonId equals u.Id
                           orderby d.CreatedAt descending
                           select new CustomerDeal(d.Id, d.DealNumber, d.State,
                               v == null ? null : v.Year + " " + v.Make + " " + v.Model, u.DisplayName, d.CreatedAt))
            .ToListAsync(ct);
        var quotes = await (from s in db.PricingScenarios.AsNoTracking()
                            join d in db.Deals on s.DealId equals d.Id
                            where d.DealershipId == customer.DealershipId && d.CustomerId == id
                            orderby s.UpdatedAt descending
                            select new CustomerQuote(s.Id, d.Id, d.DealNumber, s.Name, s.Kind, s.State, s.MonthlyPayment, s.Currency, s.UpdatedAt))
            .Take(100).ToListAsync(ct);
        var history = await (from a in db.AuditLog.AsNoTracking()
                             where a.DealershipId == customer.DealershipId && a.EntityId == id && a.EntityType == "customer"
                             join u in db.Users on a.UserId equals (Guid?)u.Id into us
                             from u in us.DefaultIfEmpty()
                             orderby a.OccurredAt descending
                             select new { a.OccurredAt, a.Action, Who = u == null ? null : u.DisplayName, a.Metadata })
            .Take(100).ToListAsync(ct);
        var leads = await LeadsAsync(db, customer, ct);
        return new CustomerDetails(CustomerRecord.From(customer, await DealershipPhoneRegion.ReadAsync(db, customer.DealershipId, ct)), deals, quotes,
            history.Select(h => new CustomerHistoryEntry(h.OccurredAt, h.Action, h.Who, Audit.AuditTrail.Summary(h.Metadata))).ToList())
        {
            Leads = leads,
        };
    }

    /// <summary>
    /// Leads are matched by phone (E.164), not by customer id, so a merged customer's leads follow the phone it kept.
    /// Salespeople see the leads the inbox shows them: theirs and unassigned ones.
    /// </summary>
    private async Task<IReadOnlyList<CustomerLead>> LeadsAsync(DealDeskDbContext db, Customer customer, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(customer.Phone)) return [];
        var userId = tenant.UserId;
        var manager = tenant.IsManager;
        return await (from l in db.Leads.AsNoTracking()
                      where l.DealershipId == customer.DealershipId && l.CustomerPhone == customer.Phone
                            && (manager || l.AssignedTo == null || l.AssignedTo == userId)
                      let c = db.Conversations.Where(c => c.DealershipId == l.DealershipId && c.LeadId == l.Id)
                          .OrderByDescending(c => c.LastMessageAt).FirstOrDefault()
                      orderby l.CreatedAt descending
                      select new CustomerLead(l.Id, l.Type, l.Status, l.CreatedAt, c == null ? null : (Guid?)c.Id, c == null ? null : (DateTimeOffset?)c.LastMessageAt))
            .Take(100).ToListAsync(ct);
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
