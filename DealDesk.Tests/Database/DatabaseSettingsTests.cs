using DealDesk.Data.Database;
using Microsoft.Extensions.Configuration;
using Npgsql;

namespace DealDesk.Tests.Database;

public sealed class DatabaseSettingsTests
{
    static IConfiguration Config(params (string Key, string? Value)[] values) =>
        new ConfigurationBuilder().AddInMemoryCollection(values.Select(v => new KeyValuePair<string, string?>(v.Key, v.Value))).Build();

    [Fact]
    public void Defaults_apply_when_nothing_is_configured()
    {
        var s = DatabaseSettings.From(Config());

        Assert.Equal(20, s.PoolMax);
        Assert.Equal(5, s.PoolMin);
        Assert.Equal(10_000, s.ConnectTimeoutMs);
        Assert.Equal(30_000, s.IdleTimeoutMs);
        Assert.Equal(30_000, s.StatementTimeoutMs);
        Assert.Equal(1_000, s.SlowQueryThresholdMs);
        Assert.Equal(new DatabaseSettings(), s);
    }

    [Fact]
    public void Section_keys_are_read()
    {
        var s = DatabaseSettings.From(Config(
            ("Database:PoolMax", "50"), ("Database:PoolMin", "2"), ("Database:ConnectTimeoutMs", "3000"),
            ("Database:IdleTimeoutMs", "60000"), ("Database:StatementTimeoutMs", "0"), ("Database:SlowQueryThresholdMs", "250")));

        Assert.Equal(new DatabaseSettings
        {
            PoolMax = 50, PoolMin = 2, ConnectTimeoutMs = 3000, IdleTimeoutMs = 60000, StatementTimeoutMs = 0, SlowQueryThresholdMs = 250,
        }, s);
    }

    [Fact]
    public void Environment_style_keys_override_the_section()
    {
        var s = DatabaseSettings.From(Config(
            ("Database:PoolMax", "50"), ("DB_POOL_MAX", "7"),
            ("Database:PoolMin", "4"), ("DB_POOL_MIN", "1"),
            ("Database:ConnectTimeoutMs", "3000"), ("DB_CONNECT_TIMEOUT", "2000"),
            ("Database:IdleTimeoutMs", "60000"), ("DB_IDLE_TIMEOUT", "5000"),
            ("Database:StatementTimeoutMs", "9000"), ("DB_STATEMENT_TIMEOUT", "4000"),
            ("Database:SlowQueryThresholdMs", "250"), ("DB_SLOW_QUERY_THRESHOLD", "100")));

        Assert.Equal(new DatabaseSettings
        {
            PoolMax = 7, PoolMin = 1, ConnectTimeoutMs = 2000, IdleTimeoutMs = 5000, StatementTimeoutMs = 4000, SlowQueryThresholdMs = 100,
        }, s);
    }

    [Fact]
    public void Real_environment_variables_map_onto_the_env_style_keys()
    {
        // What the web host sees: env vars without a prefix land in configuration under their own name.
        var config = new ConfigurationBuilder()
            .AddInMemoryCollection([new("Database:PoolMax", "50")])
            .Add(new FakeEnvironmentSource(new Dictionary<string, string?> { ["DB_POOL_MAX"] = "9" }))
            .Build();

        Assert.Equal(9, DatabaseSettings.From(config).PoolMax);
    }

    [Fact]
    public void Blank_values_fall_back_to_the_default()
    {
        var s = DatabaseSettings.From(Config(("DB_POOL_MAX", " "), ("Database:PoolMin", "")));

        Assert.Equal(20, s.PoolMax);
        Assert.Equal(5, s.PoolMin);
    }

    [Theory]
    [InlineData("DB_POOL_MAX", "abc")]
    [InlineData("DB_POOL_MAX", "0")]
    [InlineData("DB_POOL_MAX", "12.5")]
    [InlineData("DB_POOL_MIN", "-1")]
    [InlineData("DB_CONNECT_TIMEOUT", "999")]
    [InlineData("DB_IDLE_TIMEOUT", "10")]
    [InlineData("DB_STATEMENT_TIMEOUT", "-5")]
    [InlineData("DB_SLOW_QUERY_THRESHOLD", "0")]
    [InlineData("DB_CONNECT_TIMEOUT", "99999999999")]
    public void Invalid_values_stop_with_an_error_naming_the_setting(string key, string value)
    {
        var ex = Assert.Throws<InvalidConfigurationException>(() => DatabaseSettings.From(Config((key, value))));

        Assert.Equal(key, ex.Setting);
        Assert.Contains(key, ex.Message);
        Assert.Contains(value, ex.Message);
    }

    [Fact]
    public void An_invalid_section_value_is_reported_too()
    {
        var ex = Assert.Throws<InvalidConfigurationException>(() => DatabaseSettings.From(Config(("Database:PoolMax", "lots"))));

        Assert.Equal("DB_POOL_MAX", ex.Setting);
        Assert.Contains("lots", ex.Message);
    }

    [Fact]
    public void Pool_min_above_pool_max_is_rejected()
    {
        var ex = Assert.Throws<InvalidConfigurationException>(() => DatabaseSettings.From(Config(("DB_POOL_MIN", "30"), ("DB_POOL_MAX", "10"))));

        Assert.Equal("DB_POOL_MIN", ex.Setting);
        Assert.Contains("DB_POOL_MAX", ex.Message);
        Assert.Equal(10, DatabaseSettings.From(Config(("DB_POOL_MIN", "10"), ("DB_POOL_MAX", "10"))).PoolMin); // equal is fine
    }

    [Fact]
    public void Apply_maps_pool_and_timeouts_onto_the_connection_string()
    {
        var settings = new DatabaseSettings { PoolMax = 33, PoolMin = 3, ConnectTimeoutMs = 1500, IdleTimeoutMs = 45_000, StatementTimeoutMs = 12_000 };

        var b = new NpgsqlConnectionStringBuilder(settings.Apply("Host=db.example;Port=6432;Database=dd;Username=u;Password=p"));

        Assert.Equal(33, b.MaxPoolSize);
        Assert.Equal(3, b.MinPoolSize);
        Assert.Equal(2, b.Timeout); // whole seconds, rounded up
        Assert.Equal(45, b.ConnectionIdleLifetime);
        Assert.Contains("-c statement_timeout=12000", b.Options);
        Assert.Equal("DealDesk", b.ApplicationName);
        Assert.Equal(("db.example", 6432, "dd", "u", "p"), (b.Host, b.Port, b.Database, b.Username, b.Password));
    }

    [Fact]
    public void Apply_keeps_options_already_in_the_connection_string()
    {
        var b = new NpgsqlConnectionStringBuilder(new DatabaseSettings().Apply("Host=h;Options=-c search_path=sales"));

        Assert.Contains("-c search_path=sales", b.Options);
        Assert.Contains("-c statement_timeout=30000", b.Options);
    }

    [Fact]
    public void Apply_never_produces_a_zero_timeout()
    {
        var b = new NpgsqlConnectionStringBuilder(new DatabaseSettings { ConnectTimeoutMs = 1000, IdleTimeoutMs = 1000 }.Apply("Host=h"));

        Assert.Equal(1, b.Timeout);
        Assert.Equal(1, b.ConnectionIdleLifetime);
    }

    sealed class FakeEnvironmentSource(IDictionary<string, string?> vars) : IConfigurationSource
    {
        public IConfigurationProvider Build(IConfigurationBuilder builder) => new Provider(vars);

        sealed class Provider(IDictionary<string, string?> vars) : ConfigurationProvider
        {
            public override void Load() => Data = new Dictionary<string, string?>(vars, StringComparer.OrdinalIgnoreCase);
        }
    }
}
