using Npgsql;

namespace DealDesk.Data.Database;

/// <summary>Turns a DATABASE_URL (postgres://user:pass@host:port/db?sslmode=require) into an Npgsql connection string.</summary>
public static class DatabaseUrl
{
    public static string ToConnectionString(string url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("postgres" or "postgresql"))
            throw new InvalidConfigurationException("DATABASE_URL", "DATABASE_URL must look like postgres://user:password@host:5432/database.");
        var userInfo = uri.UserInfo.Split(':', 2);
        var b = new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.IsDefaultPort || uri.Port <= 0 ? 5432 : uri.Port,
            Database = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/')),
            Username = Uri.UnescapeDataString(userInfo[0]),
        };
        if (userInfo.Length > 1) b.Password = Uri.UnescapeDataString(userInfo[1]);
        var query = System.Web.HttpUtility.ParseQueryString(uri.Query);
        if (query["sslmode"] is { } ssl && Enum.TryParse<SslMode>(ssl.Replace("-", ""), true, out var mode)) b.SslMode = mode;
        return b.ConnectionString;
    }
}
