namespace DealDesk.Data.Customers;

public sealed class Customer
{
    public Guid Id { get; set; }
    public Guid DealershipId { get; set; }
    public required string FirstName { get; set; }
    public required string LastName { get; set; }
    public string? Email { get; set; }
    public string? Phone { get; set; }
    public string? Address { get; set; }
    public string? City { get; set; }
    public string? State { get; set; }
    public string? ZipCode { get; set; }
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>The phone's digits, computed by PostgreSQL (a stored generated column) for the trigram search by digits.</summary>
    public string? PhoneDigits { get; private set; }

    public string FullName => $"{FirstName} {LastName}";
}
