using System.Text.Json;

namespace DealDesk.Data.Notifications;

/// <summary>
/// A <see cref="Change"/> as a NOTIFY payload: camelCase JSON. PostgreSQL refuses payloads of 8000 bytes or
/// more; the default encoder escapes every non-ASCII character, so characters are bytes in any server
/// encoding. A change that would not fit keeps its envelope and loses its Data, replaced by
/// { "truncated": "true" }: subscribers re-read anyway, and a lost detail beats a failed write.
/// </summary>
public static class ChangePayload
{
    public const int MaxBytes = 7999;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly IReadOnlyDictionary<string, string?> TruncatedData =
        new Dictionary<string, string?> { [ChangeKeys.Truncated] = "true" };

    public static string Serialize(Change change)
    {
        var json = JsonSerializer.Serialize(change, Json);
        if (json.Length <= MaxBytes) return json;
        json = JsonSerializer.Serialize(change with { Data = TruncatedData }, Json);
        return json.Length <= MaxBytes ? json
            : throw new ArgumentException($"A change of kind '{change.Kind[..Math.Min(40, change.Kind.Length)]}' does not fit a NOTIFY payload even without its data.", nameof(change));
    }

    /// <summary>The change, or null when the payload is not one (another writer on the channel, a newer format).</summary>
    public static Change? Parse(string payload)
    {
        try
        {
            var change = JsonSerializer.Deserialize<Change>(payload, Json);
            return change is { Kind.Length: > 0 } && change.DealershipId != Guid.Empty ? change : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
