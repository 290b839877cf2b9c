using Npgsql;

namespace DealDesk.Data.Database;

/// <summary>Where the app's data lives: the app role's connection and the (owner) connection that migrates.</summary>
public sealed record DatabaseTarget(string AppConnectionString, string MigrationConnectionString)
{
    /// <summary>"host:port/database as user", for messages; never the password.</summary>
    public static string Describe(string connectionString)
    {
        var b = new NpgsqlConnectionStringBuilder(connectionString);
        return $"{b.Host}:{b.Port}/{b.Database} as {b.Username}";
    }
}
