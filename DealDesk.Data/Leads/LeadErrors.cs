using DealDesk.Data.Errors;

namespace DealDesk.Data.Leads;

/// <summary>The lead inbox's typed failures.</summary>
public static class LeadErrors
{
    public const string WindowClosedCode = "WHATSAPP_WINDOW_CLOSED";
    public const string OptedOutCode = "WHATSAPP_OPTED_OUT";
    public const string AlreadyClaimedCode = "LEAD_ALREADY_CLAIMED";
    public const string AlreadyOpenCode = "LEAD_ALREADY_OPEN";
    public const string ConvertedCode = "LEAD_ALREADY_CONVERTED";

    public static DealDeskException WindowClosed(DateTimeOffset? lastInbound) => new(new AppError(WindowClosedCode, 409,
        lastInbound is null
            ? "The customer has not written yet, so WhatsApp only allows an approved template message, not a free-form reply."
            : "More than 24 hours have passed since the customer last wrote. WhatsApp only allows an approved template message until they write again.",
        Details: new Dictionary<string, object?> { ["lastInboundAt"] = lastInbound }));

    public static DealDeskException OptedOut() => new(new AppError(OptedOutCode, 409,
        "The customer opted out (wrote STOP). Nothing can be sent until they write again."));

    public static DealDeskException AlreadyClaimed(Guid? by) => new(AppError.Conflict(AlreadyClaimedCode,
        "Someone else claimed this lead a moment ago.", new Dictionary<string, object?> { ["assignedTo"] = by }));

    public static DealDeskException AlreadyOpen(Guid leadId, Guid conversationId) => new(AppError.Conflict(AlreadyOpenCode,
        "This number already has an open conversation; its lead is in the inbox.",
        new Dictionary<string, object?> { ["leadId"] = leadId, ["conversationId"] = conversationId }));

    public static DealDeskException Converted(Guid? dealId) => new(AppError.Conflict(ConvertedCode,
        "This lead was already converted into a deal.", new Dictionary<string, object?> { ["dealId"] = dealId }));

    public static DealDeskException NotYours() => new(new AppError(ErrorCodes.Forbidden, 403,
        "This lead is assigned to another salesperson."));
}
