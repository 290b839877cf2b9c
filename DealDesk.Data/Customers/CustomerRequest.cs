using DealDesk.Data.Deals;

namespace DealDesk.Data.Customers;

/// <summary>POST/PUT /api/customers and the customer dialog: the deal dialog's four fields plus the address.</summary>
public sealed record CustomerRequest
{
    public string? FirstName { get; init; }
    public string? LastName { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
    public string? Address { get; init; }
    public string? City { get; init; }
    public string? State { get; init; }
    public string? ZipCode { get; init; }

    public NewCustomerData Contact() => new() { FirstName = FirstName, LastName = LastName, Email = Email, Phone = Phone };
}

/// <summary>POST /api/customers/{id}/merge: the customer to fold into {id} (which is kept).</summary>
public sealed record MergeCustomersRequest(Guid? MergeCustomerId);
