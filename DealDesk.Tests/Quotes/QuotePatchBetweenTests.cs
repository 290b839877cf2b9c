using DealDesk.Data.Quotes;

namespace DealDesk.Tests.Quotes;

/// <summary>The editor saves QuotePatch.Between(loaded, edited): exactly the fields that differ, and nothing for equal inputs.</summary>
public sealed class QuotePatchBetweenTests
{
    private static readonly QuoteInput Loaded = new()
    {
        Kind = QuoteKind.Finance, Price = 30_000m, DownPayment = 3_000m, TermMonths = 60, Apr = 6.9m, Currency = "USD",
        Fees = [new FeeLine("Doc fee", 499m, false)],
    };

    [Fact]
    public void Equal_inputs_give_an_empty_patch()
    {
        var patch = QuotePatch.Between(Loaded, Loaded with { Fees = [new FeeLine("Doc fee", 499m, false)] }, "A", "A");

        Assert.Empty(patch.Fields);
        Assert.False(patch.ExpiresInDays.IsSet);
        Assert.Equal(Loaded, patch.ApplyTo(Loaded));
    }

    [Fact]
    public void Only_the_changed_fields_are_set_and_reapplying_them_onto_a_newer_version_keeps_its_other_changes()
    {
        var patch = QuotePatch.Between(Loaded, Loaded with { DownPayment = 3_500m, ExpiresInDays = 14 }, "A", "B");

        Assert.Equal([QuoteFields.Name, QuoteFields.DownPayment, QuoteFields.ExpiresAt], patch.Fields);
        var theirs = Loaded with { Apr = 5.49m };
        Assert.Equal(theirs with { DownPayment = 3_500m, ExpiresInDays = 14 }, patch.ApplyTo(theirs));
    }
}
