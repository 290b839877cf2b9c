using System.Reflection;
using System.Runtime.CompilerServices;
using Npgsql;

namespace DealDesk.Data.Monitoring;

/// <summary>
/// Npgsql tags its pool metrics and command traces with the data source's name, which defaults to the
/// Application Name ("DealDesk"): every DealDesk pool in one process (tests run several apps) would report
/// as one. Each data source built here gets its own name, and monitoring reads only its own pool's numbers.
/// </summary>
public static class DataSourceNames
{
    private static readonly ConditionalWeakTable<NpgsqlDataSource, string> Names = new();
    private static int _count;

    public static NpgsqlDataSource BuildNamed(NpgsqlDataSourceBuilder builder)
    {
        var database = builder.ConnectionStringBuilder.Database ?? "postgres";
        var n = Interlocked.Increment(ref _count);
        var name = n == 1 ? $"DealDesk {database}" : $"DealDesk {database} #{n}";
        builder.Name = name;
        var dataSource = builder.Build();
        Names.AddOrUpdate(dataSource, name);
        return dataSource;
    }

    /// <summary>The name Npgsql reports the data source under (NpgsqlDataSource.Name is internal).</summary>
    public static string Of(NpgsqlDataSource dataSource) =>
        Names.TryGetValue(dataSource, out var name)
            ? name
            : typeof(NpgsqlDataSource).GetProperty("Name", BindingFlags.Instance | BindingFlags.NonPublic | BindingFlags.Public)?.GetValue(dataSource) as string ?? "";
}
