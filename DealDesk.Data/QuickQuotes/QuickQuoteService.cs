using DealDesk.Data.Audit;
using DealDesk.Data.Customers;
using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Inventory;
using DealDesk.Data.Pricing;
using DealDesk.Data.Tenancy;
using DealDesk.Data.Transactions;
using FluentValidation;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.QuickQuotes;

public sealed record QuickQuoteView(Guid Id, Guid? VehicleId, string CustomerName, string? CustomerPhone, decimal Price,
    decimal DownPayment, int TermMonths, decimal Apr, decimal MonthlyPayment, string Status, Guid? ConvertedDealId, DateTimeOffset CreatedAt)
{
    public decimal TradeInValue { get; init; }

    /// <summary>The dealership's customers with the quote's phone: offer them before converting creates another.</summary>
    public IReadOnlyList<CustomerMatch> MatchingCustomers { get; init; } = [];

    public static QuickQuoteView From(QuickQuote q) => new(q.Id, q.VehicleId, q.CustomerName, q.CustomerPhone, q.Price, q.DownPayment,
        q.TermMonths, q.Apr, q.MonthlyPayment, q.Status, q.ConvertedDealId, q.CreatedAt) { TradeInValue = q.TradeInValue };
}

/// <summary>Fast payment quotes, and their conversion into a customer + deal in one unit of work.</summary>
public sealed class QuickQuoteService(TransactionRunner runner, ITenantContext tenant, IValidator<QuickQuoteRequest> validator,
    IValidator<ConvertQuickQuoteRequest> convertValidator, DealService deals, ICurrentDealership current, TimeProvider time)
{
    public async Task<QuickQuoteView> CreateAsync(QuickQuoteRequest request, CancellationToken ct = default)
    {
        var region = await current.ForAsync(request.CustomerPhone, ct);
        validator.ThrowIfInvalid(request, region);
        var actor = Actor.From(tenant);
        return await runner.RunAsync("quick_quotes.create", async (db, token) =>
        {
            var dealership = await db.Dealerships.SingleAsync(d => d.Id == actor.DealershipId, token);
            Vehicle? vehicle = null;
            if (request.VehicleId is { } raw)
            {
                var vehicleId = Guid.Parse(raw);
                vehicle = await db.Vehicles.SingleOrDefaultAsync(v => v.Id == vehicleId && v.DealershipId == actor.DealershipId, token)
                    ?? throw await Ownership.MissingAsync(db, "vehicles", "Vehicle", vehicleId, token);
                DealParts.EnsureAvailable(vehicle); // a quote on a pending or sold car could never be converted
            }
            var now = time.GetUtcNow();
            var quote = new QuickQuote
            {
                Id = Guid.NewGuid(), DealershipId = actor.DealershipId, SalespersonId = actor.UserId, VehicleId = vehicle?.Id,
                CustomerName = string.Join(' ', request.CustomerName!.Split(' ', StringSplitOptions.RemoveEmptyEntries)),
                CustomerPhone = Phones.Normalize(request.CustomerPhone, region),
                Price = request.Price ?? vehicle!.Price, DownPayment = request.DownPayment ?? 0m, TradeInValue = request.TradeInValue ?? 0m,
                TermMonths = request.TermMonths ?? 60, Apr = request.Apr ?? dealership.DefaultApr, CreatedAt = now,
            };
            // The price may be the vehicle's: only now is the amount due known.
            DownPaymentRule.Check("downPayment", quote.DownPayment,
                PaymentCalculator.AmountDue(quote.Price, quote.TradeInValue, 0, dealership.DefaultTaxRate, dealership.DocFee));
            quote.MonthlyPayment = PaymentCalculator.Finance(quote.Price, quote.DownPayment, quote.TradeInValue, 0, dealership.DefaultTaxRate,
                dealership.DocFee, quote.TermMonths, quote.Apr).MonthlyPayment;
            db.QuickQuotes.Add(quote);
            AuditTrail.Record(db, actor, "quick_quote.created", "quick_quote", quote.Id, new { vehicleId = quote.VehicleId, quote.MonthlyPayment }, now);
            return QuickQuoteView.From(quote) with
            {
                MatchingCustomers = await CustomerMatching.FindAsync(db, actor.DealershipId, null, quote.CustomerPhone, except: null, token),
            };
        }, ct);
    }

    /// <summary>Creates the customer and the deal from the quote and marks it converted, all or nothing. Twice is a 409 naming the deal.</summary>
    public Task<DealResult> ConvertAsync(Guid quoteId, CancellationToken ct = default) => ConvertAsync(quoteId, new ConvertQuickQuoteRequest(), ct);

    /// <summary>
    /// As above; with <see cref="ConvertQuickQuoteRequest.ExistingCustomerId"/> the deal goes to that customer of the
    /// dealership (403/404 otherwise) and none is created. Without it a customer is still created, as API clients
    /// expect, and the result lists the customers with the same phone it may duplicate.
    /// </summary>
    public async Task<DealResult> ConvertAsync(Guid quoteId, ConvertQuickQuoteRequest request, CancellationToken ct = default)
    {
        convertValidator.ThrowIfInvalid(request);
        var existingCustomerId = request.ChosenCustomerId;
        var actor = Actor.From(tenant);
        return await runner.RunAsync("quick_quotes.convert", DealLocks.For(actor.DealershipId), async (db, token) =>
        {
            var quote = (await db.QuickQuotes
                    .FromSql($"SELECT * FROM quick_quotes WHERE id = {quoteId} AND dealership_id = {actor.DealershipId} FOR UPDATE")
                    .ToListAsync(token)).SingleOrDefault()
                ?? throw await Ownership.MissingAsync(db, "quick_quotes", "Quick quote", quoteId, token);
            if (quote.Status == QuickQuoteStatus.Converted)
                throw new DealDeskException(AppError.Conflict(ErrorCodes.QuoteAlreadyConverted,
                    "This quick quote was already converted into a deal.",
                    new Dictionary<string, object?> { ["dealId"] = quote.ConvertedDealId }));
            var (first, last) = QuickQuoteValidator.SplitName(quote.CustomerName);
            var result = await deals.CreateInAsync(db, actor, new CreateDealRequest
            {
                CustomerId = existingCustomerId,
                CustomerData = existingCustomerId is null ? new NewCustomerData { FirstName = first, LastName = last, Phone = quote.CustomerPhone } : null,
                VehicleId = quote.VehicleId?.ToString(),
                Scenario = new ScenarioInput
                {
                    Price = quote.Price, DownPayment = quote.DownPayment, TradeInValue = quote.TradeInValue, TermMonths = quote.TermMonths, Apr = quote.Apr,
                },
            }, idempotency: null, token, quickQuoteId: quote.Id);
            quote.Status = QuickQuoteStatus.Converted;
            quote.ConvertedDealId = result.Deal.Id;
            AuditTrail.Record(db, actor, "quick_quote.converted", "quick_quote", quote.Id,
                new { dealId = result.Deal.Id, result.Deal.DealNumber, customerId = result.Customer.Id, existingCustomer = existingCustomerId is not null },
                time.GetUtcNow(), summary: $"Converted into deal {result.Deal.DealNumber} for {result.Customer.FullName}");
            if (existingCustomerId is not null) return result;
            return result with
            {
                MatchingCustomers = await CustomerMatching.FindAsync(db, actor.DealershipId, null, result.Customer.Phone, except: result.Customer.Id, token),
            };
        }, ct);
    }
}
