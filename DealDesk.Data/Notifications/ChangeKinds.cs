namespace DealDesk.Data.Notifications;

/// <summary>What a <see cref="Change"/> is about; <see cref="Change.Id"/> names the row, <see cref="Change.Data"/> the details.</summary>
public static class ChangeKinds
{
    /// <summary>Id: the deal. Data: dealNumber, customerId, salespersonId, vehicleId (absent for a blank deal).</summary>
    public const string DealCreated = "deal.created";

    /// <summary>
    /// Id: the deal. Data: what (<see cref="ChangeKeys.Aspects"/>), dealNumber, and by aspect:
    /// vehicle → vehicleId, previousVehicleId; customer → customerId, previousCustomerId; state → state, vehicleId;
    /// quotes → quoteId (a quote added, deleted or made active).
    /// </summary>
    public const string DealChanged = "deal.changed";

    /// <summary>Id: the vehicle. Data: status (available, pending, sold), dealId (the deal that moved it).</summary>
    public const string VehicleStatus = "vehicle.status";

    /// <summary>A quote was saved (edit, rename, state change). Id: the quote (scenario). Data: dealId, version, fields (comma-separated), by (user id).</summary>
    public const string QuoteSaved = "quote.saved";

    /// <summary>Reserved for the lead inbox. Id: the conversation.</summary>
    public const string ConversationMessage = "conversation.message";

    /// <summary>A lead and its conversation were created. Id: the lead. Data: conversationId.</summary>
    public const string LeadCreated = "lead.created";

    /// <summary>A lead's status, type, notes or assignee changed. Id: the lead. Data: conversationId, status, assignedTo.</summary>
    public const string LeadChanged = "lead.changed";

    /// <summary>A message was added to a conversation (inbound, or an outbound one queued). Id: the message. Data: conversationId, status.</summary>
    public const string MessageReceived = "message.received";

    /// <summary>An outbound message's delivery status moved (sending, sent, delivered, read, failed). Id: the message. Data: conversationId, status.</summary>
    public const string MessageStatus = "message.status";

    /// <summary>A manager saved the dealership's settings. Id: the dealership. Data: fields (comma-separated, e.g. "name,country").</summary>
    public const string SettingsChanged = "settings.changed";

    /// <summary>Synthetic, never published: see <see cref="Change.Resync"/>.</summary>
    public const string Resync = "resync";
}
