using System.Text.Json;
using System.Text.Json.Nodes;
using DealDesk.Data.Tenancy;

namespace DealDesk.Data.Audit;

/// <summary>Adds audit entries to the unit of work they describe, so they commit or vanish with it.</summary>
public static class AuditTrail
{
    /// <summary>The metadata key of the entry's sentence ("Swapped the vehicle from … to …").</summary>
    public const string SummaryKey = "summary";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>
    /// <paramref name="summary"/> says what happened in words, with the names as they were at the time
    /// (a customer renamed later still reads as before); it is stored in the metadata under "summary".
    /// </summary>
    public static void Record(DealDeskDbContext db, Actor actor, string action, string entityType, Guid entityId, object metadata,
        DateTimeOffset at, string? summary = null)
    {
        var details = JsonSerializer.SerializeToNode(metadata, Json) as JsonObject ?? [];
        if (summary is not null) details[SummaryKey] = summary;
        db.AuditLog.Add(new AuditEntry
        {
            DealershipId = actor.DealershipId,
            UserId = actor.UserId,
            OccurredAt = at,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Metadata = details.ToJsonString(Json),
        });
    }

    /// <summary>The entry's sentence; null for entries written before there were sentences.</summary>
    public static string? Summary(string metadata)
    {
        try
        {
            return JsonNode.Parse(metadata) is JsonObject o && o[SummaryKey] is JsonValue v && v.TryGetValue<string>(out var s) ? s : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
