using System.Text.Json;
using DealDesk.Data.Tenancy;

namespace DealDesk.Data.Audit;

/// <summary>Adds audit entries to the unit of work they describe, so they commit or vanish with it.</summary>
public static class AuditTrail
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static void Record(DealDeskDbContext db, Actor actor, string action, string entityType, Guid entityId, object metadata, DateTimeOffset at) =>
        db.AuditLog.Add(new AuditEntry
        {
            DealershipId = actor.DealershipId,
            UserId = actor.UserId,
            OccurredAt = at,
            Action = action,
            EntityType = entityType,
            EntityId = entityId,
            Metadata = JsonSerializer.Serialize(metadata, Json),
        });
}
