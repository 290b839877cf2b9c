namespace DealDesk.Data.Leads;

/// <summary>The words the database's CHECK constraints accept; the API and the UI use the same lists.</summary>
public static class LeadTypes
{
    public const string VehicleInquiry = "vehicle_inquiry";
    public const string TestDrive = "test_drive";
    public const string TradeIn = "trade_in";
    public const string Financing = "financing";
    public const string Service = "service";
    public const string Other = "other";
    public static readonly string[] All = [VehicleInquiry, TestDrive, TradeIn, Financing, Service, Other];

    public static string Label(string type) => type switch
    {
        VehicleInquiry => "Vehicle inquiry", TestDrive => "Test drive", TradeIn => "Trade-in",
        Financing => "Financing", Service => "Service", _ => "Other",
    };
}

public static class LeadStatuses
{
    public const string New = "new";
    public const string Contacted = "contacted";
    public const string Qualified = "qualified";
    /// <summary>Only through deal creation (the deal's unit links the lead); a CHECK ties it to deal_id.</summary>
    public const string Converted = "converted";
    public const string Lost = "lost";
    public static readonly string[] All = [New, Contacted, Qualified, Converted, Lost];
    /// <summary>What a person may set by hand.</summary>
    public static readonly string[] Settable = [New, Contacted, Qualified, Lost];
}

public static class LeadSources
{
    public const string WhatsApp = "whatsapp";
    public const string Web = "web";
    public const string Phone = "phone";
    public const string WalkIn = "walk_in";
    public const string Import = "import";
    public static readonly string[] All = [WhatsApp, Web, Phone, WalkIn, Import];
}

public static class MessageDirections
{
    public const string Inbound = "inbound";
    public const string Outbound = "outbound";
}

/// <summary>
/// An inbound message is <c>received</c>. An outbound one moves queued → sending → sent → delivered → read, or to
/// failed; a status report never moves it backwards (<see cref="Rank"/>).
/// </summary>
public static class MessageStatuses
{
    public const string Received = "received";
    public const string Queued = "queued";
    public const string Sending = "sending";
    public const string Sent = "sent";
    public const string Delivered = "delivered";
    public const string Read = "read";
    public const string Failed = "failed";

    /// <summary>Provider statuses the webhook accepts.</summary>
    public static readonly string[] Reported = [Sent, Delivered, Read, Failed];
}
