namespace DealDesk.Data.Accounts;

public static class Roles
{
    public const string Salesperson = "Salesperson";
    public const string Manager = "Manager";
    public static readonly string[] All = [Salesperson, Manager];
}

public static class DealDeskClaims
{
    public const string DealershipId = "dealdesk:dealership_id";
    public const string DisplayName = "dealdesk:display_name";
}
