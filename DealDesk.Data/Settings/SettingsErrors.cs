using DealDesk.Data.Errors;

namespace DealDesk.Data.Settings;

internal static class SettingsErrors
{
    const string Taken = "Another dealership already uses this WhatsApp phone number id.";

    public static DealDeskException WhatsAppNumberTaken() => new(new AppError(ErrorCodes.ValidationFailed, 409, Taken,
        Details: new Dictionary<string, object?> { ["fields"] = new Dictionary<string, string[]> { ["whatsAppPhoneNumberId"] = [Taken] } }));
}
