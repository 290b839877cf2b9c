using DealDesk.Data.Deals;

namespace DealDesk.Data.Customers;

/// <summary>A row of the customer list.</summary>
public sealed record CustomerSummary(Guid Id, string FirstName, string LastName, string? Email, string? Phone, string? City,
    int Deals, DateTimeOffset CreatedAt)
{
    public string FullName => $"{FirstName} {LastName}";
}

public sealed record CustomerDeal(Guid Id, string DealNumber, string State, string? Vehicle, string Salesperson, DateTimeOffset CreatedAt);

public sealed record CustomerQuote(Guid Id, Guid DealId, string DealNumber, string Name, string Kind, string State, decimal MonthlyPayment,
    string Currency, DateTimeOffset UpdatedAt);

public sealed record CustomerHistoryEntry(DateTimeOffset At, string Action, string? Who, string? Summary);

/// <summary>A customer's full record; the phone as stored (E.164), <see cref="PhoneFormatted"/> as the dealership's people read it.</summary>
public sealed record CustomerRecord(Guid Id, string FirstName, string LastName, string? Email, string? Phone, string? Address, string? City,
    string? State, string? ZipCode, DateTimeOffset CreatedAt)
{
    public string FullName => $"{FirstName} {LastName}";
    public string? PhoneFormatted { get; init; } = Phones.Format(Phone);

    /// <summary>The record, its phone formatted for <paramref name="region"/> (the dealership's country).</summary>
    public static CustomerRecord From(Customer c, string? region) =>
        new(c.Id, c.FirstName, c.LastName, c.Email, c.Phone, c.Address, c.City, c.State, c.ZipCode, c.CreatedAt)
        {
            PhoneFormatted = Phones.Format(c.Phone, region),
        };
}

/// <summary>The customer page: contact details, deals, quotes and the audit of changes.</summary>
public sealed record CustomerDetails(CustomerRecord Customer, IReadOnlyList<CustomerDeal> Deals, IReadOnlyList<CustomerQuote> Quotes,
    IReadOnlyList<CustomerHistoryEntry> History)
{
    /// <summary>The dealership's leads from the customer's phone (leads carry a phone, not a customer id), newest first.</summary>
    public IReadOnlyList<CustomerLead> Leads { get; init; } = [];
}

/// <summary>A lead from the customer's phone; <see cref="ConversationId"/> opens it in the inbox (/leads?c=…).</summary>
public sealed record CustomerLead(Guid Id, string Type, string Status, DateTimeOffset CreatedAt, Guid? ConversationId, DateTimeOffset? LastMessageAt);

/// <summary>A typed query for the customer list: search words, page (1-based), page size, sort.</summary>
public sealed record CustomerSearch(string? Q, int Page = 1, int PageSize = 25, string? Sort = null, bool Descending = false);
