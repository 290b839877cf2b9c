using DealDesk.Data.Deals;
using DealDesk.Data.Tenancy;
using FluentValidation;
using PhoneNumbers;

namespace DealDesk.Data.Settings;

public sealed class DealershipSettingsValidator : AbstractValidator<DealershipSettings>
{
    static readonly HashSet<string> Regions = PhoneNumberUtil.GetInstance().GetSupportedRegions();

    public DealershipSettingsValidator()
    {
        RuleFor(s => s.Name).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Name is required.").MaximumLength(120);
        RuleFor(s => s.TimeZone).Must(IsIanaZone).WithMessage("Choose a time zone like America/Chicago.");
        RuleFor(s => s.Country).Must(c => c is not null && Regions.Contains(c.Trim().ToUpperInvariant()))
            .WithMessage("Choose a country (two letters, e.g. US).");
        RuleFor(s => s.DefaultTaxRate).InclusiveBetween(0, 0.3m).WithMessage("Tax rate must be between 0 and 30 %.");
        RuleFor(s => s.DocFee).InclusiveBetween(0, 100_000).WithMessage("Doc fee must be between 0 and 100,000.");
        RuleFor(s => s.DefaultApr).InclusiveBetween(0, 30).WithMessage("APR must be between 0 and 30 %.");
        RuleFor(s => s.DownPaymentStep).GreaterThan(0).LessThanOrEqualTo(100_000).WithMessage("Down-payment step must be more than 0 and at most 100,000.");
        RuleFor(s => s.OtherFees).Must(f => f.Count <= 20).WithMessage("At most 20 fees.")
            .Must(f => f.Select(x => x.Name?.Trim().ToLowerInvariant()).Distinct().Count() == f.Count).WithMessage("Each fee needs its own name.");
        RuleForEach(s => s.OtherFees).ChildRules(fee =>
        {
            fee.RuleFor(f => f.Name).Must(n => !string.IsNullOrWhiteSpace(n)).WithMessage("Name the fee.").MaximumLength(60)
                .Must(n => n?.Trim() != FeeTemplate.DocFeeName).WithMessage("The doc fee has its own field.");
            fee.RuleFor(f => f.Amount).InclusiveBetween(0, DealRules.MaxMoney).WithMessage("Amount must be 0 or more.");
        });
        RuleFor(s => s.AllowedCurrencies).Must(c => c.Count is >= 1 and <= 10).WithMessage("Allow at least one currency.")
            .Must(c => c.Select(x => x?.Trim().ToUpperInvariant()).Distinct().Count() == c.Count).WithMessage("A currency is listed twice.");
        RuleForEach(s => s.AllowedCurrencies).Must(c => c is not null && c.Trim().Length == 3 && c.Trim().All(char.IsAsciiLetter))
            .WithMessage("Use ISO 4217 codes like USD.");
        RuleFor(s => s.WhatsAppPhoneNumberId)
            .Must(v => string.IsNullOrWhiteSpace(v) || (v.Trim().Length <= 32 && v.Trim().All(char.IsAsciiDigit)))
            .WithMessage("The WhatsApp phone number id is digits only (at most 32), as Meta shows it.");
    }

    /// <summary>An IANA id the system knows ("America/Chicago"), not a Windows name that .NET would also accept.</summary>
    public static bool IsIanaZone(string? id) =>
        !string.IsNullOrWhiteSpace(id) && TimeZoneInfo.TryFindSystemTimeZoneById(id.Trim(), out _)
        && (TimeZoneInfo.TryConvertIanaIdToWindowsId(id.Trim(), out _) || id.Trim() is "UTC" or "Etc/UTC");
}
