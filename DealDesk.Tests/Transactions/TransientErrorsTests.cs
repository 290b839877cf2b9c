using System.Net.Sockets;
using DealDesk.Data.Transactions;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DealDesk.Tests.Transactions;

public sealed class TransientErrorsTests
{
    static PostgresException Pg(string sqlState) => new("test failure", "ERROR", "ERROR", sqlState);

    [Theory]
    [InlineData("40001")] // serialization_failure
    [InlineData("40P01")] // deadlock_detected
    [InlineData("08006")] // connection_failure
    [InlineData("53300")] // too_many_connections
    public void Retryable_sql_states_are_transient(string sqlState)
    {
        Assert.True(TransientErrors.IsTransient(Pg(sqlState), out var state));
        Assert.Equal(sqlState, state);
    }

    [Theory]
    [InlineData("23505")] // unique_violation
    [InlineData("23503")] // foreign_key_violation
    [InlineData("42501")] // insufficient_privilege (row-level security)
    [InlineData("57014")] // query_canceled (timeout): retrying would only time out again
    public void Other_sql_states_are_not_transient(string sqlState)
    {
        Assert.False(TransientErrors.IsTransient(Pg(sqlState), out var state));
        Assert.Equal(sqlState, state);
    }

    [Fact]
    public void A_serialization_failure_inside_DbUpdateException_is_transient()
    {
        var wrapped = new DbUpdateException("An error occurred while saving the entity changes.", Pg("40001"));

        Assert.True(TransientErrors.IsTransient(wrapped, out var state));
        Assert.Equal("40001", state);
    }

    [Fact]
    public void A_unique_violation_inside_DbUpdateException_is_not_transient() =>
        Assert.False(TransientErrors.IsTransient(new DbUpdateException("save failed", Pg("23505")), out _));

    [Fact]
    public void A_broken_socket_counts_as_connection_failure()
    {
        var broken = new NpgsqlException("Exception while reading from stream", new IOException("connection reset", new SocketException(104)));

        Assert.True(TransientErrors.IsTransient(broken, out var state));
        Assert.Equal(TransientErrors.ConnectionFailure, state);
    }

    [Fact]
    public void Unrelated_exceptions_are_not_transient()
    {
        Assert.False(TransientErrors.IsTransient(new InvalidOperationException("bug"), out var state));
        Assert.Equal("", state);
        Assert.False(TransientErrors.IsTransient(new TimeoutException(), out _));
    }

    [Fact]
    public void FindPostgres_digs_through_wrappers()
    {
        var pg = Pg("40P01");
        Assert.Same(pg, TransientErrors.FindPostgres(new InvalidOperationException("outer", new DbUpdateException("inner", pg))));
        Assert.Null(TransientErrors.FindPostgres(new InvalidOperationException("no database here")));
    }
}
