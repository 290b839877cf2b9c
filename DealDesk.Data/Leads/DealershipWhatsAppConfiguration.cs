using DealDesk.Data.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DealDesk.Data.Leads;

/// <summary>
/// The dealership's lead settings, as shadow properties configured here so the lead feature stays in its folder
/// (read and written through SQL and <see cref="LeadSettings"/>).
/// </summary>
internal sealed class DealershipWhatsAppConfiguration : IEntityTypeConfiguration<Dealership>
{
    public const string PhoneNumberId = "WhatsappPhoneNumberId";
    public const string RoundRobin = "LeadRoundRobin";

    public void Configure(EntityTypeBuilder<Dealership> e)
    {
        // The Cloud API's phone_number_id of the dealership's WhatsApp number: webhooks name it, it names the tenant.
        e.Property<string?>(PhoneNumberId).HasMaxLength(32);
        e.HasIndex(PhoneNumberId).IsUnique();
        // New leads assigned round-robin among the salespeople; off by default.
        e.Property<bool>(RoundRobin).HasDefaultValue(false);
    }
}
