namespace DealDesk.Data.Inventory;

/// <summary>What an import did: every row was inserted, updated or already as the file says.</summary>
public sealed record VehicleImportResult(int Inserted, int Updated, int Unchanged)
{
    public int Rows => Inserted + Updated + Unchanged;
}

/// <summary>One row that needs fixing: its line in the file (the header is line 1), the VIN if any, field → messages.</summary>
public sealed record VehicleImportRowError(int Row, string? Vin, IReadOnlyDictionary<string, string[]> Fields);
