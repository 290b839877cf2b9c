using System.Globalization;
using System.Text.Json;
using DealDesk.Data.Customers;
using DealDesk.Web.WhatsApp;

namespace DealDesk.Bench.Leads;

/// <summary>What a webhook POST carries: a first message from a new number, the next message of a number that already wrote, or a redelivery.</summary>
public enum WebhookKind { New, Existing, Redelivery }

/// <summary>
/// The webhook senders' shared traffic: signed Cloud-API payloads with one text message each, as the mix asks
/// (<see cref="NewShare"/> new numbers, <see cref="RedeliveryShare"/> redeliveries of an acknowledged message, the
/// rest from numbers whose first message was acknowledged), each number always writing to the same dealership's
/// phone_number_id. It also keeps what the app acknowledged, for the database check afterwards.
/// </summary>
public sealed class WebhookTraffic(string appSecret, IReadOnlyList<string> phoneNumberIds)
{
    public const double NewShare = 0.30, RedeliveryShare = 0.10;
    public const string MessageIdPrefix = "wamid.bench.";

    /// <summary>Customers' numbers: +1 312 2xx xxxx, in E.164 "+13122000001" (a plausible US number for the app's phone check).</summary>
    public const string PhonePrefix = "+13122";
    const long FirstNumber = 13122000000;

    readonly object _lock = new();
    readonly List<(string From, int Dealership)> _known = [];
    readonly List<Sent> _firstDeliveries = [];
    readonly HashSet<string> _uncertainIds = [], _uncertainNumbers = [];
    readonly Dictionary<WebhookKind, long> _acknowledged = new() { [WebhookKind.New] = 0, [WebhookKind.Existing] = 0, [WebhookKind.Redelivery] = 0 };
    long _nextNumber, _nextMessage, _redeliveriesStored, _firstsNotStored;

    /// <summary>One POST: its kind, the message's id and sender, the dealership (index into the phone number ids), the exact signed bytes.</summary>
    public sealed record Sent(WebhookKind Kind, string MessageId, string From, int Dealership, byte[] Body, string Signature);

    /// <summary>The next POST of the mix. Before any number has written, everything is new.</summary>
    public Sent Next()
    {
        var roll = Random.Shared.NextDouble();
        lock (_lock)
        {
            if (roll < RedeliveryShare && _firstDeliveries.Count > 0)
                return _firstDeliveries[Random.Shared.Next(_firstDeliveries.Count)] with { Kind = WebhookKind.Redelivery };
            if (roll >= RedeliveryShare + NewShare && _known.Count > 0)
            {
                var (from, dealership) = _known[Random.Shared.Next(_known.Count)];
                return Build(WebhookKind.Existing, from, dealership);
            }
        }
        var n = Interlocked.Increment(ref _nextNumber);
        return Build(WebhookKind.New, (FirstNumber + n).ToString(CultureInfo.InvariantCulture), (int)(n % phoneNumberIds.Count));
    }

    Sent Build(WebhookKind kind, string from, int dealership)
    {
        var id = MessageIdPrefix + Interlocked.Increment(ref _nextMessage).ToString(CultureInfo.InvariantCulture);
        var payload = new
        {
            @object = "whatsapp_business_account",
            entry = new[]
            {
                new
                {
                    id = "bench-waba",
                    changes = new[]
                    {
                        new
                        {
                            field = "messages",
                            value = new
                            {
                                messaging_product = "whatsapp",
                                metadata = new { display_phone_number = "15550000000", phone_number_id = phoneNumberIds[dealership] },
                                contacts = new[] { new { profile = new { name = $"Bench {from}" }, wa_id = from } },
                                messages = new[]
                                {
                                    new
                                    {
                                        from, id, timestamp = DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture),
                                        type = "text", text = new { body = $"Hi, is the car from your ad still available? ({id})" },
                                    },
                                },
                            },
                        },
                    },
                },
            },
        };
        var body = JsonSerializer.SerializeToUtf8Bytes(payload);
        return new Sent(kind, id, from, dealership, body, WebhookSignature.Sign(body, appSecret));
    }

    /// <summary>The app answered 200; <paramref name="stored"/> is its "stored" count (1 for a first delivery, 0 for a redelivery).</summary>
    public void Acknowledged(Sent sent, int stored)
    {
        lock (_lock)
        {
            _acknowledged[sent.Kind]++;
            if (sent.Kind == WebhookKind.Redelivery)
            {
                if (stored != 0) _redeliveriesStored++;
                return;
            }
            if (stored != 1) _firstsNotStored++;
            _firstDeliveries.Add(sent);
            if (sent.Kind == WebhookKind.New) _known.Add((sent.From, sent.Dealership));
        }
    }

    /// <summary>No 200 (an error or no answer): the message may or may not be stored, so the check allows either.</summary>
    public void Failed(Sent sent)
    {
        if (sent.Kind == WebhookKind.Redelivery) return; // its first delivery was acknowledged: it is there either way
        lock (_lock)
        {
            _uncertainIds.Add(sent.MessageId);
            if (sent.Kind == WebhookKind.New) _uncertainNumbers.Add(sent.From);
        }
    }

    /// <summary>A consistent copy of what was acknowledged so far, for <see cref="LeadIntegrity"/>.</summary>
    public Snapshot Take()
    {
        lock (_lock)
        {
            return new Snapshot(
                _firstDeliveries.ToDictionary(s => s.MessageId, s => (Phone: Phones.Normalize("+" + s.From)!, s.Dealership)),
                _known.ToDictionary(k => Phones.Normalize("+" + k.From)!, k => k.Dealership),
                new HashSet<string>(_uncertainIds), _uncertainNumbers.Select(n => Phones.Normalize("+" + n)!).ToHashSet(),
                new Dictionary<WebhookKind, long>(_acknowledged), _redeliveriesStored, _firstsNotStored);
        }
    }

    /// <summary>Acknowledged first deliveries (message id → sender, dealership), new numbers, and the POSTs without a 200.</summary>
    public sealed record Snapshot(
        IReadOnlyDictionary<string, (string Phone, int Dealership)> Messages,
        IReadOnlyDictionary<string, int> NewNumbers,
        IReadOnlySet<string> UncertainMessageIds,
        IReadOnlySet<string> UncertainNumbers,
        IReadOnlyDictionary<WebhookKind, long> AcknowledgedByKind,
        long RedeliveriesStored,
        long FirstDeliveriesNotStored);
}
