namespace DealDesk.Data.Tenancy;

/// <summary>The PostgreSQL setting the row-level security policies read (see migration 0001).</summary>
public static class TenantSetting
{
    public const string Name = "app.dealership_id";
}
