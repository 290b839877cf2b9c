namespace DealDesk.Data.Embedded;

/// <summary>Where and how <see cref="EmbeddedPostgres"/> keeps its local cluster.</summary>
public sealed class EmbeddedPostgresOptions
{
    /// <summary>Folder holding the cluster (created if missing), e.g. &lt;repo&gt;/.data/postgres.</summary>
    public required string DataRoot { get; init; }

    public string DatabaseName { get; init; } = "dealdesk";

    /// <summary>Owns the database and its tables; runs migrations.</summary>
    public string OwnerRole { get; init; } = "dealdesk_owner";

    /// <summary>The app connects as this role; it owns no tables, so row-level security applies to it.</summary>
    public string AppRole { get; init; } = "dealdesk_app";

    /// <summary>True for tests: the whole DataRoot is deleted on dispose, and durability is traded for speed.</summary>
    public bool Ephemeral { get; init; }
}
