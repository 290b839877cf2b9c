using DealDesk.Data.Errors;
using DealDesk.Data.Quotes;
using DealDesk.Data.Settings;
using DealDesk.Data.Tenancy;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Quotes.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Settings;

/// <summary>Managers change the dealership's settings: validated, audited from → to, and used by the next new quote without a restart.</summary>
public sealed class SettingsServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    async Task<AsyncServiceScope> ManagerAsync(bool north = true)
    {
        var demo = await Db.DemoAsync();
        var t = north ? demo.North : demo.South;
        return Db.CreateScope(t.DealershipId, t.ManagerId, isManager: true);
    }

    [Fact]
    public async Task A_new_doc_fee_and_fee_template_price_the_next_deal_and_quote_and_the_change_is_audited_from_to()
    {
        var demo = await Db.DemoAsync();
        await using var scope = await ManagerAsync();
        var service = scope.Get<SettingsService>();
        var settings = await service.GetAsync();
        Assert.Equal(499m, settings.DocFee);
        settings.DocFee = 650m;
        settings.OtherFees.Add(new FeeTemplate("Title", 75m, Taxable: true));

        var (_, changes) = await service.SaveAsync(settings);

        Assert.Contains(changes, c => c.Field == "docFee" && c.From == "$499.00" && c.To == "$650.00");
        var deal = await scope.NewDealAsync(Db, demo.North);
        Assert.Equal(650m + 75m, deal.Scenario.Fees); // a new deal's first scenario carries every fee template
        var quote = await scope.Get<QuoteService>().CreateAsync(deal.Deal.Id);
        Assert.Contains(quote.Input.Fees, f => f.Name == FeeTemplate.DocFeeName && f.Amount == 650m);
        Assert.Contains(quote.Input.Fees, f => f.Name == "Title" && f.Amount == 75m && f.Taxable);
        var audit = await Db.ScalarAsync<string>(
            "SELECT metadata->'changes'->'docFee'->>'from' || '>' || (metadata->'changes'->'docFee'->>'to') FROM audit_log WHERE action = 'settings.changed' AND entity_id = $1 AND metadata->'changes' ? 'docFee'",
            demo.North.DealershipId);
        Assert.Equal("$499.00>$650.00", audit);
    }

    [Fact]
    public async Task Saving_unchanged_settings_writes_nothing()
    {
        await using var scope = await ManagerAsync(north: false);
        var service = scope.Get<SettingsService>();
        var before = await DbSnapshot.TakeAsync(Db);

        var (_, changes) = await service.SaveAsync(await service.GetAsync());

        Assert.Empty(changes);
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task Invalid_settings_name_each_field_and_write_nothing()
    {
        await using var scope = await ManagerAsync(north: false);
        var service = scope.Get<SettingsService>();
        var settings = await service.GetAsync();
        settings.Name = " ";
        settings.TimeZone = "Eastern Standard Time";
        settings.Country = "XX";
        settings.DefaultTaxRate = 0.5m;
        settings.DownPaymentStep = 0;
        settings.AllowedCurrencies = ["usd", "US"];
        settings.OtherFees = [new FeeTemplate("", -1m, false)];
        var before = await DbSnapshot.TakeAsync(Db);

        var error = await DealKit.FailsAsync(() => service.SaveAsync(settings), ErrorCodes.ValidationFailed, 400);

        var fields = DealKit.Fields(error).Keys.ToHashSet();
        foreach (var f in new[] { "name", "timeZone", "country", "defaultTaxRate", "downPaymentStep", "allowedCurrencies[1]", "otherFees[0].name", "otherFees[0].amount" })
            Assert.Contains(f, fields);
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task A_salesperson_can_neither_read_nor_change_the_settings()
    {
        var demo = await Db.DemoAsync();
        DealershipSettings valid;
        await using (var manager = await ManagerAsync(north: false)) valid = await manager.Get<SettingsService>().GetAsync();
        await using var scope = Db.CreateScope(demo.South.DealershipId, demo.South.Sales1Id);
        var service = scope.Get<SettingsService>();
        valid.DocFee = 1m;
        var before = await DbSnapshot.TakeAsync(Db);

        await DealKit.FailsAsync(() => service.GetAsync(), ErrorCodes.Forbidden, 403);
        await DealKit.FailsAsync(() => service.SaveAsync(valid), ErrorCodes.Forbidden, 403);
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task The_whatsapp_number_id_and_round_robin_change_read_back_and_are_audited_from_to()
    {
        var demo = await Db.DemoAsync();
        await using var scope = await ManagerAsync();
        var service = scope.Get<SettingsService>();
        var settings = await service.GetAsync();
        Assert.Equal("109000000000001", settings.WhatsAppPhoneNumberId);
        Assert.False(settings.LeadRoundRobin);
        settings.WhatsAppPhoneNumberId = " 109000000000077 ";
        settings.LeadRoundRobin = true;

        var (_, changes) = await service.SaveAsync(settings);

        Assert.Contains(changes, c => c.Field == "whatsAppPhoneNumberId" && c.From == "109000000000001" && c.To == "109000000000077");
        Assert.Contains(changes, c => c.Field == "leadRoundRobin" && c.From == "no" && c.To == "yes");
        var read = await service.GetAsync();
        Assert.Equal("109000000000077", read.WhatsAppPhoneNumberId);
        Assert.True(read.LeadRoundRobin);
        var audit = await Db.ScalarAsync<string>(
            "SELECT (metadata->'changes'->'whatsAppPhoneNumberId'->>'to') || '>' || (metadata->'changes'->'leadRoundRobin'->>'to') FROM audit_log WHERE action = 'settings.changed' AND entity_id = $1 AND metadata->'changes' ? 'leadRoundRobin'",
            demo.North.DealershipId);
        Assert.Equal("109000000000077>yes", audit);
    }

    [Fact]
    public async Task A_whatsapp_number_id_another_dealership_uses_is_refused_naming_the_field_and_writes_nothing()
    {
        await using var scope = await ManagerAsync();
        var service = scope.Get<SettingsService>();
        var settings = await service.GetAsync();
        settings.WhatsAppPhoneNumberId = "109000000000002"; // Southside's
        settings.LeadRoundRobin = !settings.LeadRoundRobin;
        var before = await DbSnapshot.TakeAsync(Db);

        var error = await DealKit.FailsAsync(() => service.SaveAsync(settings), ErrorCodes.ValidationFailed, 409);

        Assert.Contains("whatsAppPhoneNumberId", DealKit.Fields(error).Keys);
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task A_whatsapp_number_id_with_letters_is_refused_naming_the_field()
    {
        await using var scope = await ManagerAsync(north: false);
        var service = scope.Get<SettingsService>();
        var settings = await service.GetAsync();
        settings.WhatsAppPhoneNumberId = "+1 555 0100";

        var error = await DealKit.FailsAsync(() => service.SaveAsync(settings), ErrorCodes.ValidationFailed, 400);

        Assert.Contains("whatsAppPhoneNumberId", DealKit.Fields(error).Keys);
    }

    [Theory]
    [InlineData("America/Chicago", true)]
    [InlineData("Europe/Berlin", true)]
    [InlineData("UTC", true)]
    [InlineData("Central Standard Time", false)]
    [InlineData("America/Atlantis", false)]
    [InlineData("", false)]
    public void Time_zones_must_be_iana_names(string zone, bool valid) =>
        Assert.Equal(valid, DealershipSettingsValidator.IsIanaZone(zone));
}
