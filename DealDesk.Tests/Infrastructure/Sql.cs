using Npgsql;

namespace DealDesk.Tests.Infrastructure;

/// <summary>Small raw-Npgsql helpers; arguments bind to $1, $2, ... in order.</summary>
public static class Sql
{
    public static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql, params object[] args)
    {
        await using var cmd = Command(connection, sql, args);
        var value = await cmd.ExecuteScalarAsync();
        return value is null or DBNull ? default! : (T)Convert.ChangeType(value, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, params object[] args)
    {
        await using var cmd = Command(connection, sql, args);
        return await cmd.ExecuteNonQueryAsync();
    }

    public static async Task<List<T>> ListAsync<T>(NpgsqlConnection connection, string sql, Func<NpgsqlDataReader, T> map, params object[] args)
    {
        await using var cmd = Command(connection, sql, args);
        await using var reader = await cmd.ExecuteReaderAsync();
        var list = new List<T>();
        while (await reader.ReadAsync()) list.Add(map(reader));
        return list;
    }

    public static NpgsqlCommand Command(NpgsqlConnection connection, string sql, params object[] args)
    {
        var cmd = new NpgsqlCommand(sql, connection);
        foreach (var a in args) cmd.Parameters.Add(new NpgsqlParameter { Value = a });
        return cmd;
    }

    /// <summary>Sets the row-level security tenant for the rest of the session (set_config(..., false)).</summary>
    public static Task SetTenantAsync(NpgsqlConnection connection, Guid dealershipId) =>
        ExecuteAsync(connection, "SELECT set_config('app.dealership_id', $1, false)", dealershipId.ToString());
}
