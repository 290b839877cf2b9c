using DealDesk.Data.Notifications;

namespace DealDesk.Tests.Notifications;

/// <summary>The NOTIFY payload: JSON that round-trips, always under PostgreSQL's 8000-byte limit.</summary>
public sealed class ChangePayloadTests
{
    static readonly Guid Dealership = Guid.NewGuid();

    static Change WithValue(string value) =>
        new(Dealership, ChangeKinds.DealChanged, Guid.NewGuid(), new Dictionary<string, string?> { [ChangeKeys.State] = value, [ChangeKeys.VehicleId] = null }, Guid.NewGuid());

    /// <summary>A change whose payload is exactly <paramref name="bytes"/> long.</summary>
    public static Change OfSize(int bytes) => WithValue(new string('x', bytes - ChangePayload.Serialize(WithValue("")).Length));

    [Fact]
    public void A_change_round_trips_through_its_payload()
    {
        var change = WithValue("CANCELLED — é");

        var parsed = ChangePayload.Parse(ChangePayload.Serialize(change))!;

        Assert.Equal((change.DealershipId, change.Kind, change.Id, change.ByUserId), (parsed.DealershipId, parsed.Kind, parsed.Id, parsed.ByUserId));
        Assert.Equal(change.Data, parsed.Data);
        Assert.DoesNotContain("isResync", ChangePayload.Serialize(change));
    }

    [Fact]
    public void The_payload_is_ascii_so_its_length_is_its_size_in_bytes()
    {
        var payload = ChangePayload.Serialize(WithValue("Müller 日本"));

        Assert.All(payload, c => Assert.True(c < 128));
    }

    [Fact]
    public void A_change_too_big_for_notify_keeps_its_envelope_and_loses_its_data()
    {
        Assert.Equal(ChangePayload.MaxBytes, ChangePayload.Serialize(OfSize(ChangePayload.MaxBytes)).Length);
        var big = OfSize(ChangePayload.MaxBytes + 1);

        var parsed = ChangePayload.Parse(ChangePayload.Serialize(big))!;

        Assert.Equal((big.Kind, big.Id), (parsed.Kind, parsed.Id));
        Assert.Equal(new Dictionary<string, string?> { [ChangeKeys.Truncated] = "true" }, parsed.Data);
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("{\"kind\":\"deal.changed\"}")]
    [InlineData("{\"dealershipId\":\"5f0c7e9e-64a4-4f5e-9a53-1a3b8b8e0d11\",\"kind\":\"\"}")]
    public void A_payload_that_is_not_a_change_parses_to_null(string payload) => Assert.Null(ChangePayload.Parse(payload));
}
