using DealDesk.Data.Audit;
using DealDesk.Data.Errors;
using DealDesk.Data.Tenancy;
using DealDesk.Data.Transactions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Customers;

/// <summary>
/// Customer records: add and edit (with the deal dialog's validation and duplicate detection), and merge
/// (managers). Every write is one unit through the runner with its audit entry.
/// </summary>
public sealed class CustomerService(TransactionRunner runner, ITenantContext tenant, IValidator<CustomerRequest> validator,
    ICurrentDealership dealership, TimeProvider time)
{
    /// <summary>
    /// A new customer. When the normalized phone or email matches another customer of the dealership, nothing is
    /// written and CUSTOMER_DUPLICATE (409) lists the matches, unless <paramref name="allowDuplicate"/> says the
    /// person confirmed that this is someone else (two people can share a family email or phone).
    /// </summary>
    public async Task<CustomerRecord> CreateAsync(CustomerRequest request, bool allowDuplicate = false, CancellationToken ct = default)
    {
        request = await ValidatedAsync(request, ct);
        var actor = Actor.From(tenant);
        return await runner.RunAsync("customers.create", async (db, token) =>
        {
            if (!allowDuplicate) await RefuseDuplicatesAsync(db, actor, request, except: null, token);
            var customer = new Customer { Id = Guid.NewGuid(), DealershipId = actor.DealershipId, FirstName = "", LastName = "", CreatedAt = time.GetUtcNow() };
            Apply(customer, request);
            db.Customers.Add(customer);
            var region = await DealershipPhoneRegion.ReadAsync(db, actor.DealershipId, token);
            AuditTrail.Record(db, actor, "customer.created", "customer", customer.Id, new { }, time.GetUtcNow(), $"Added {customer.FullName}");
            return CustomerRecord.From(customer, region);
        }, ct);
    }

    /// <summary>Edits the customer; the audit entry has each changed field from → to. Duplicates as in <see cref="CreateAsync"/>.</summary>
    public async Task<CustomerRecord> UpdateAsync(Guid id, CustomerRequest request, bool allowDuplicate = false, CancellationToken ct = default)
    {
        request = await ValidatedAsync(request, ct);
        var actor = Actor.From(tenant);
        return await runner.RunAsync("customers.update", async (db, token) =>
        {
            var customer = await LockAsync(db, id, token);
            if (!allowDuplicate) await RefuseDuplicatesAsync(db, actor, request, except: id, token);
            var region = await DealershipPhoneRegion.ReadAsync(db, actor.DealershipId, token);
            var before = CustomerRecord.From(customer, region);
            Apply(customer, request);
            var changes = CustomerChanges.Between(before, CustomerRecord.From(customer, region));
            if (changes.Count == 0) return before;
            AuditTrail.Record(db, actor, "customer.updated", "customer", customer.Id,
                new { changes = changes.ToDictionary(c => c.Field, c => new { from = c.From, to = c.To }) }, time.GetUtcNow(),
                $"Changed {string.Join("; ", changes.Select(c => $"{c.Label} from {c.From ?? "(none)"} to {c.To ?? "(none)"}"))}");
            return CustomerRecord.From(customer, region);
        }, ct);
    }

    /// <summary>
    /// Folds <paramref name="request"/>'s customer into <paramref name="keepId"/> (managers): its deals (and with them their
    /// quotes) move to the kept customer, contact details the kept one lacks are taken over, the other is deleted, both
    /// audited, in one transaction. Another dealership's customer is invisible here (row-level security) and could not be
    /// referenced anyway: deals point at (dealership_id, customer_id).
    /// </summary>
    public async Task<CustomerRecord> MergeAsync(Guid keepId, MergeCustomersRequest request, CancellationToken ct = default)
    {
        var actor = Actor.From(tenant);
        if (!actor.IsManager)
            throw new DealDeskException(new AppError(ErrorCodes.Forbidden, 403, "Only a manager can merge customers.", ErrorSeverity.Error));
        if (request.MergeCustomerId is not { } otherId || otherId == keepId)
            throw new DealDeskException(AppError.Validation(new Dictionary<string, string[]>
                { ["mergeCustomerId"] = ["Choose another customer to merge into this one."] }));
        return await runner.RunAsync("customers.merge", async (db, token) =>
        {
            // Both rows locked in id order, so two merges of the same pair cannot deadlock or both succeed.
            foreach (var id in new[] { keepId, otherId }.Order()) await LockAsync(db, id, token);
            var keep = await db.Customers.SingleAsync(c => c.Id == keepId, token);
            var other = await db.Customers.SingleAsync(c => c.Id == otherId, token);
            var moved = await db.Deals.Where(d => d.DealershipId == actor.DealershipId && d.CustomerId == otherId)
                .ExecuteUpdateAsync(s => s.SetProperty(d => d.CustomerId, keepId).SetProperty(d => d.UpdatedAt, time.GetUtcNow()), token);
            // Leads and conversations carry the customer's phone, not a customer id: nothing to move. The customer page
            // finds them by phone, so the other's leads show on the kept customer when it takes over the phone below
            // (it had none); when both had phones, they stay with the other's number, which no customer then holds.
            keep.Email ??= other.Email;
            keep.Phone ??= other.Phone;
            if (keep.Address is null && keep.City is null)
                (keep.Address, keep.City, keep.State, keep.ZipCode) = (other.Address, other.City, other.State, other.ZipCode);
            db.Customers.Remove(other);
            var now = time.GetUtcNow();
            AuditTrail.Record(db, actor, "customer.merged", "customer", keep.Id,
                new { mergedCustomerId = other.Id, mergedName = other.FullName, dealsMoved = moved }, now,
                $"Merged {other.FullName} into {keep.FullName} ({moved} deal{(moved == 1 ? "" : "s")} moved)");
            AuditTrail.Record(db, actor, "customer.merged_away", "customer", other.Id, new { keptCustomerId = keep.Id, dealsMoved = moved }, now,
                $"Merged into {keep.FullName}");
            return CustomerRecord.From(keep, await DealershipPhoneRegion.ReadAsync(db, actor.DealershipId, token));
        }, ct);
    }

    private static async Task<Customer> LockAsync(DealDeskDbContext db, Guid id, CancellationToken ct) =>
        (await db.Customers.FromSql($"SELECT * FROM customers WHERE id = {id} FOR UPDATE").ToListAsync(ct)).SingleOrDefault()
        ?? throw await Ownership.MissingAsync(db, "customers", "Customer", id, ct);

    /// <summary>The request with its phone in E.164, read as dialled in the dealership's country; VALIDATION_FAILED otherwise.</summary>
    private async Task<CustomerRequest> ValidatedAsync(CustomerRequest request, CancellationToken ct)
    {
        var region = await dealership.ForAsync(request.Phone, ct);
        validator.ThrowIfInvalid(request, region);
        return request with { Phone = Phones.Normalize(request.Phone, region) };
    }

    private static async Task RefuseDuplicatesAsync(DealDeskDbContext db, Actor actor, CustomerRequest request, Guid? except, CancellationToken ct)
    {
        var matches = await CustomerMatching.FindAsync(db, actor.DealershipId, request.Email, request.Phone, except, ct);
        if (matches.Count == 0) return;
        var first = matches[0];
        var why = first.SamePhone && first.SameEmail ? "phone and email" : first.SamePhone ? "phone" : "email";
        throw new DealDeskException(AppError.Conflict(ErrorCodes.CustomerDuplicate,
            $"{first.Customer.FullName} already has this {why}. Open the existing customer, or save anyway if this is someone else.",
            new Dictionary<string, object?> { ["matches"] = matches }));
    }

    private static void Apply(Customer c, CustomerRequest r)
    {
        c.FirstName = r.FirstName!.Trim();
        c.LastName = r.LastName!.Trim();
        c.Email = Blank(r.Email);
        c.Phone = Phones.Normalize(r.Phone);
        c.Address = Blank(r.Address);
        c.City = Blank(r.City);
        c.State = Blank(r.State);
        c.ZipCode = Blank(r.ZipCode);
    }

    private static string? Blank(string? v) => string.IsNullOrWhiteSpace(v) ? null : v.Trim();
}
