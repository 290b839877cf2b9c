using DealDesk.Data.Database;
using Npgsql;

namespace DealDesk.Tests.Database;

public sealed class DatabaseUrlTests
{
    static NpgsqlConnectionStringBuilder Parse(string url) => new(DatabaseUrl.ToConnectionString(url));

    [Fact]
    public void A_full_url_becomes_an_equivalent_connection_string()
    {
        var b = Parse("postgres://deal_user:s3cret@db.example.com:6543/dealdesk_prod?sslmode=require");

        Assert.Equal("db.example.com", b.Host);
        Assert.Equal(6543, b.Port);
        Assert.Equal("dealdesk_prod", b.Database);
        Assert.Equal("deal_user", b.Username);
        Assert.Equal("s3cret", b.Password);
        Assert.Equal(SslMode.Require, b.SslMode);
    }

    [Fact]
    public void Percent_encoded_parts_are_decoded()
    {
        var b = Parse("postgresql://d%40d:p%40ss%3Aw%2Fo%25rd@localhost/deal%20desk");

        Assert.Equal("d@d", b.Username);
        Assert.Equal("p@ss:w/o%rd", b.Password);
        Assert.Equal("deal desk", b.Database);
    }

    [Fact]
    public void Port_defaults_to_5432_and_password_is_optional()
    {
        var b = Parse("postgres://someone@db.internal/dealdesk");

        Assert.Equal(5432, b.Port);
        Assert.Equal("someone", b.Username);
        Assert.Null(b.Password);
    }

    [Theory]
    [InlineData("disable", SslMode.Disable)]
    [InlineData("prefer", SslMode.Prefer)]
    [InlineData("verify-full", SslMode.VerifyFull)]
    [InlineData("verify-ca", SslMode.VerifyCA)]
    public void Ssl_modes_are_understood(string mode, SslMode expected) =>
        Assert.Equal(expected, Parse($"postgres://u:p@h:5432/db?sslmode={mode}").SslMode);

    [Theory]
    [InlineData("mysql://u:p@h:3306/db")]
    [InlineData("not a url")]
    [InlineData("db.example.com:5432/dealdesk")]
    [InlineData("")]
    public void Anything_else_is_rejected_naming_DATABASE_URL(string url)
    {
        var ex = Assert.Throws<InvalidConfigurationException>(() => DatabaseUrl.ToConnectionString(url));

        Assert.Equal("DATABASE_URL", ex.Setting);
        Assert.Contains("DATABASE_URL", ex.Message);
    }
}
