namespace DealDesk.Data.Customers;

public sealed record CustomerChange(string Field, string Label, string? From, string? To);

/// <summary>The fields an edit changed, for the customer's history.</summary>
internal static class CustomerChanges
{
    public static IReadOnlyList<CustomerChange> Between(CustomerRecord a, CustomerRecord b)
    {
        var changes = new List<CustomerChange>();
        void Add(string field, string label, string? from, string? to)
        {
            if (from != to) changes.Add(new CustomerChange(field, label, from, to));
        }
        Add("firstName", "first name", a.FirstName, b.FirstName);
        Add("lastName", "last name", a.LastName, b.LastName);
        Add("email", "email", a.Email, b.Email);
        Add("phone", "phone", a.PhoneFormatted, b.PhoneFormatted);
        Add("address", "address", a.Address, b.Address);
        Add("city", "city", a.City, b.City);
        Add("state", "state", a.State, b.State);
        Add("zipCode", "ZIP code", a.ZipCode, b.ZipCode);
        return changes;
    }
}
