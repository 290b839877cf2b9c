using Bunit;
using DealDesk.Tests.Infrastructure;
using SettingsPage = DealDesk.Web.Components.Pages.Settings.Settings;

namespace DealDesk.Tests.Settings;

/// <summary>The settings form on the real services: the validator's messages at the fields, then a save the next quote uses.</summary>
public sealed class SettingsPageTests(DatabaseFixture fixture) : DatabaseComponentTest(fixture), IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task A_negative_doc_fee_is_refused_at_the_field_and_a_valid_one_is_saved_with_a_new_fee_row()
    {
        var north = await SignInAsDemo(manager: true);
        RenderDialogProvider();
        var page = Render<SettingsPage>();
        await page.WaitForAssertionAsync(() => page.Find("#settings-form"), Wait);

        Input(page, "settings-doc-fee").Change("-5");
        page.Find("#settings-form").Submit();

        await page.WaitForAssertionAsync(() => Assert.Contains("Doc fee must be between 0 and 100,000.", FieldText(page, "settings-doc-fee")), Wait);
        Assert.Equal(499m, await Db.ScalarAsync<decimal>("SELECT doc_fee FROM dealerships WHERE id = $1", north.DealershipId));

        Input(page, "settings-doc-fee").Change("525");
        page.Find("[data-testid=add-fee]").Click();
        Input(page, "fee-name").Change("Registration");
        Input(page, "fee-amount").Change("120");
        page.Find("#settings-form").Submit();

        await WaitUntilAsync(async () => await Db.ScalarAsync<decimal>("SELECT doc_fee FROM dealerships WHERE id = $1", north.DealershipId) == 525m);
        Assert.Contains("Registration", await Db.ScalarAsync<string>("SELECT fee_templates::text FROM dealerships WHERE id = $1", north.DealershipId));
    }

    [Fact]
    public async Task A_whatsapp_number_id_southside_uses_is_refused_at_the_field_and_a_new_one_with_round_robin_is_saved()
    {
        var north = await SignInAsDemo(manager: true);
        RenderDialogProvider();
        var page = Render<SettingsPage>();
        await page.WaitForAssertionAsync(() => page.Find("#settings-form"), Wait);

        Input(page, "settings-whatsapp-phone-number-id").Change("109000000000002");
        page.Find("#settings-form").Submit();

        await page.WaitForAssertionAsync(() => Assert.Contains("Another dealership already uses this WhatsApp phone number id.",
            FieldText(page, "settings-whatsapp-phone-number-id")), Wait);
        Assert.Equal("109000000000001", await Db.ScalarAsync<string>("SELECT whatsapp_phone_number_id FROM dealerships WHERE id = $1", north.DealershipId));

        Input(page, "settings-whatsapp-phone-number-id").Change("109000000000055");
        var round = page.Find("[data-testid=settings-lead-round-robin]");
        (round.TagName == "INPUT" ? round : round.QuerySelector("input")!).Change(true);
        page.Find("#settings-form").Submit();

        await WaitUntilAsync(async () => await Db.ScalarAsync<string>("SELECT whatsapp_phone_number_id FROM dealerships WHERE id = $1", north.DealershipId) == "109000000000055");
        Assert.True(await Db.ScalarAsync<bool>("SELECT lead_round_robin FROM dealerships WHERE id = $1", north.DealershipId));
    }

    /// <summary>Polls the database until the save's effect is visible (the page's save runs on the renderer's dispatcher).</summary>
    static async Task WaitUntilAsync(Func<Task<bool>> condition)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "The settings were not saved within 30 s.");
            await Task.Yield();
        }
    }
}
