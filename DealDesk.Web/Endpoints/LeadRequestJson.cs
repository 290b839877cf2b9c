using System.Text.Json.Serialization;
using DealDesk.Data.Leads;

namespace DealDesk.Web.Endpoints;

/// <summary>
/// POST /api/leads as the integration contract names it (snake_case), camelCase accepted too: each field has a
/// snake_case alias that only sets it.
/// </summary>
public sealed class CreateLeadJson
{
    public string? CustomerPhone { get; set; }
    public string? CustomerName { get; set; }
    public string? Type { get; set; }
    public string? Details { get; set; }
    public string? Source { get; set; }

    [JsonPropertyName("customer_phone"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CustomerPhoneSnake { get => null; set => CustomerPhone ??= value; }

    [JsonPropertyName("customer_name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CustomerNameSnake { get => null; set => CustomerName ??= value; }

    public CreateLeadRequest ToRequest() =>
        new() { CustomerPhone = CustomerPhone, CustomerName = CustomerName, Type = Type, Details = Details, Source = Source };
}

/// <summary>POST /api/whatsapp: {to, message, createLead, customerName} (customer_name and create_lead accepted too).</summary>
public sealed class ManualSendJson
{
    public string? To { get; set; }
    public string? Message { get; set; }
    public bool CreateLead { get; set; }
    public string? CustomerName { get; set; }

    [JsonPropertyName("create_lead"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingDefault)]
    public bool CreateLeadSnake { get => false; set => CreateLead |= value; }

    [JsonPropertyName("customer_name"), JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? CustomerNameSnake { get => null; set => CustomerName ??= value; }

    public ManualSendRequest ToRequest() => new() { To = To, Message = Message, CreateLead = CreateLead, CustomerName = CustomerName };
}

public sealed record AssignLeadJson(Guid? UserId);

public sealed record ReplyJson(string? Body);
