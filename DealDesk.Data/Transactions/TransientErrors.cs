using System.Net.Sockets;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DealDesk.Data.Transactions;

/// <summary>Which database failures are worth retrying the whole unit of work for.</summary>
public static class TransientErrors
{
    public const string SerializationFailure = "40001";
    public const string DeadlockDetected = "40P01";
    public const string ConnectionFailure = "08006";
    public const string TooManyConnections = "53300";

    private static readonly HashSet<string> Retryable = [SerializationFailure, DeadlockDetected, ConnectionFailure, TooManyConnections];

    /// <summary>True when <paramref name="exception"/> (or what it wraps) is a transient database failure; <paramref name="sqlState"/> names it.</summary>
    public static bool IsTransient(Exception exception, out string sqlState)
    {
        for (var e = exception; e is not null; e = e.InnerException)
        {
            switch (e)
            {
                // A terminated backend (admin or crash shutdown) is a lost connection: nothing was committed.
                case PostgresException { SqlState: "57P01" or "57P02" }:
                    sqlState = ConnectionFailure;
                    return true;
                case PostgresException pg:
                    sqlState = pg.SqlState;
                    return Retryable.Contains(pg.SqlState);
                // A broken socket has no SQLSTATE of its own: it is PostgreSQL's connection_failure.
                case NpgsqlException { InnerException: IOException or SocketException or TimeoutException }:
                    sqlState = ConnectionFailure;
                    return true;
                case DbUpdateException or InvalidOperationException:
                    continue;
            }
        }
        sqlState = "";
        return false;
    }

    public static PostgresException? FindPostgres(Exception exception)
    {
        for (var e = exception; e is not null; e = e.InnerException)
            if (e is PostgresException pg) return pg;
        return null;
    }
}
