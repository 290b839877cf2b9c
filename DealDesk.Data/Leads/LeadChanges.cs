using DealDesk.Data.Notifications;

namespace DealDesk.Data.Leads;

/// <summary>What the lead writes announce (ids and statuses only: no names, phones or message text go into NOTIFY).</summary>
internal static class LeadChanges
{
    public const string ConversationId = "conversationId";
    public const string LeadId = "leadId";
    public const string AssignedTo = "assignedTo";

    public static Change Created(Guid dealershipId, Guid leadId, Guid conversationId, Guid? by) =>
        new(dealershipId, ChangeKinds.LeadCreated, leadId, new Dictionary<string, string?> { [ConversationId] = conversationId.ToString() }, by);

    public static Change Changed(Guid dealershipId, Lead lead, Guid conversationId, Guid? by) =>
        new(dealershipId, ChangeKinds.LeadChanged, lead.Id, new Dictionary<string, string?>
        {
            [ConversationId] = conversationId.ToString(), [ChangeKeys.Status] = lead.Status, [AssignedTo] = lead.AssignedTo?.ToString(),
        }, by);

    public static Change Message(Guid dealershipId, string kind, Guid messageId, Guid conversationId, string status, Guid? by = null) =>
        new(dealershipId, kind, messageId, new Dictionary<string, string?>
        {
            [ConversationId] = conversationId.ToString(), [ChangeKeys.Status] = status,
        }, by);
}
