namespace DealDesk.Data.Migrations;

/// <summary>Reads a versioned migration script embedded from Migrations/Sql.</summary>
internal static class SqlScript
{
    public static string Load(string fileName)
    {
        var name = $"{typeof(SqlScript).Assembly.GetName().Name}.Migrations.Sql.{fileName}";
        using var stream = typeof(SqlScript).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"Migration script {fileName} is not embedded.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
