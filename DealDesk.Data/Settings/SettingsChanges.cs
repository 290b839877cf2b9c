using System.Globalization;
using DealDesk.Data.Tenancy;

namespace DealDesk.Data.Settings;

/// <summary>A setting as it was and as it is now, for the audit trail.</summary>
public sealed record SettingChange(string Field, string Label, string? From, string? To);

/// <summary>The differences between two versions of the settings, each as text a manager reads in the history.</summary>
internal static class SettingsChanges
{
    public static IReadOnlyList<SettingChange> Between(DealershipSettings a, DealershipSettings b)
    {
        var changes = new List<SettingChange>();
        void Add(string field, string label, string? from, string? to)
        {
            if (from != to) changes.Add(new SettingChange(field, label, from, to));
        }
        Add("name", "name", a.Name, b.Name);
        Add("timeZone", "time zone", a.TimeZone, b.TimeZone);
        Add("country", "country", a.Country, b.Country);
        Add("defaultTaxRate", "tax rate", Percent(a.DefaultTaxRate * 100), Percent(b.DefaultTaxRate * 100));
        Add("tradeInReducesTaxable", "trade-in reduces taxable", YesNo(a.TradeInReducesTaxable), YesNo(b.TradeInReducesTaxable));
        Add("docFee", "doc fee", Money(a.DocFee), Money(b.DocFee));
        Add("docFeeTaxable", "doc fee taxable", YesNo(a.DocFeeTaxable), YesNo(b.DocFeeTaxable));
        Add("otherFees", "other fees", Fees(a.OtherFees), Fees(b.OtherFees));
        Add("defaultApr", "APR", Percent(a.DefaultApr), Percent(b.DefaultApr));
        Add("downPaymentStep", "down-payment step", Money(a.DownPaymentStep), Money(b.DownPaymentStep));
        Add("allowedCurrencies", "currencies", string.Join(", ", a.AllowedCurrencies), string.Join(", ", b.AllowedCurrencies));
        Add("whatsAppPhoneNumberId", "WhatsApp phone number id", a.WhatsAppPhoneNumberId ?? "none", b.WhatsAppPhoneNumberId ?? "none");
        Add("leadRoundRobin", "lead round-robin", YesNo(a.LeadRoundRobin), YesNo(b.LeadRoundRobin));
        return changes;
    }

    // Invariant digits (the app may run with invariant globalization); the dollar sign as the UI shows amounts.
    static string Money(decimal v) => "$" + v.ToString("#,0.00", CultureInfo.InvariantCulture);
    static string Percent(decimal v) => v.ToString("0.####", CultureInfo.InvariantCulture) + " %";
    static string YesNo(bool v) => v ? "yes" : "no";
    static string Fees(IEnumerable<FeeTemplate> fees) =>
        string.Join("; ", fees.Select(f => $"{f.Name} {Money(f.Amount)}{(f.Taxable ? " (taxed)" : "")}")) is { Length: > 0 } s ? s : "none";
}
