using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealDesk.Data.Tenancy;

internal sealed class DealershipConfiguration : IEntityTypeConfiguration<Dealership>
{
    public void Configure(EntityTypeBuilder<Dealership> e)
    {
        e.ToTable("dealerships", t =>
        {
            t.HasCheckConstraint("ck_dealerships_currencies", "cardinality(allowed_currencies) >= 1");
            t.HasCheckConstraint("ck_dealerships_down_payment_step", "down_payment_step > 0");
        });
        e.Property(d => d.Id).HasDefaultValueSql("gen_random_uuid()");
        e.Property(d => d.Name).HasMaxLength(120);
        e.Property(d => d.TimeZone).HasMaxLength(64);
        e.Property(d => d.Country).HasMaxLength(2).HasDefaultValue("US");
        e.Property(d => d.DefaultTaxRate).HasColumnType("numeric(7,4)");
        e.Property(d => d.DefaultApr).HasColumnType("numeric(7,4)");
        e.Property(d => d.DocFee).HasColumnType("numeric(12,2)");
        e.Property(d => d.CreatedAt).HasDefaultValueSql("now()");
        e.Property(d => d.FeeTemplates).HasColumnType("jsonb").HasConversion(
            v => FeeTemplatesJson.Write(v), s => FeeTemplatesJson.Read(s),
            new ValueComparer<IReadOnlyList<FeeTemplate>?>((a, b) => FeeTemplatesJson.Equal(a, b),
                v => v == null ? 0 : v.Count, v => v == null ? null : v.ToList()));
        // Database defaults for rows written by SQL; EF writes the class's own defaults. No default on the bool
        // TradeInReducesTaxable: EF would then omit an explicit false (the CLR default) and the database would store true.
        e.Property(d => d.DownPaymentStep).HasColumnType("numeric(12,2)").HasDefaultValue(1_000m);
        e.Property(d => d.AllowedCurrencies).HasColumnType("character varying(3)[]").HasDefaultValueSql("'{USD}'");
    }

    /// <summary>Fee templates as camelCase JSON (the settings page and the migration's default write the same shape).</summary>
    static class FeeTemplatesJson
    {
        static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

        public static string Write(IReadOnlyList<FeeTemplate>? templates) => JsonSerializer.Serialize(templates ?? [], Json);

        public static IReadOnlyList<FeeTemplate>? Read(string json) => JsonSerializer.Deserialize<List<FeeTemplate>>(json, Json);

        public static bool Equal(IReadOnlyList<FeeTemplate>? a, IReadOnlyList<FeeTemplate>? b) =>
            a is null ? b is null : b is not null && a.SequenceEqual(b);
    }
}
