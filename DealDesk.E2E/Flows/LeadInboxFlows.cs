using System.Text;
using DealDesk.E2E.Infrastructure;
using DealDesk.Tests.Leads;
using DealDesk.Web.WhatsApp;
using Microsoft.Playwright;
using Xunit.Abstractions;
using static DealDesk.E2E.Flows.DealDialogSteps;
using static Microsoft.Playwright.Assertions;

namespace DealDesk.E2E.Flows;

/// <summary>
/// The lead inbox with the inbox open in the browser while the test plays WhatsApp: signed webhooks posted to the app
/// show up without a reload, a reply's ticks follow the delivery statuses, and the lead becomes a deal.
/// Set DEALDESK_SCREENSHOTS to a folder to get the inbox at 1280 and 390 px wide.
/// </summary>
public sealed class LeadInboxFlows(E2EFixture fixture, ITestOutputHelper output) : E2ETest(fixture, output)
{
    async Task PostWebhookAsync(string body)
    {
        using var http = new HttpClient { BaseAddress = new Uri(BaseUrl) };
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/webhooks/whatsapp") { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.Header, WebhookSignature.Sign(Encoding.UTF8.GetBytes(body), WhatsAppOptions.DemoAppSecret));
        var response = await http.SendAsync(request);
        Assert.True(response.IsSuccessStatusCode, $"The webhook answered {(int)response.StatusCode}");
    }

    static ILocator Item(IPage page, string name) => page.GetByTestId("inbox-item").Filter(new() { HasText = name });

    static async Task ScreenshotAsync(IPage page, string name)
    {
        var dir = Environment.GetEnvironmentVariable("DEALDESK_SCREENSHOTS");
        if (string.IsNullOrEmpty(dir)) return;
        await page.ScreenshotAsync(new() { Path = Path.Combine(dir, name + ".png"), FullPage = true });
    }

    [Fact]
    public Task A_customers_message_appears_live_then_the_reply_ticks_follow_its_statuses_and_the_lead_becomes_a_deal() => RunAsync(async page =>
    {
        var name = NewCustomer.Unique("Jamie", "Rivera").FullName;
        var (waId, _) = LeadKit.NewPhone();
        await SignInAsAsync(page, "sales1@northside.test");
        await GoToAsync(page, "/leads");
        await Expect(page.GetByTestId("inbox-list")).ToBeVisibleAsync();

        // The customer writes: the conversation appears in the open inbox, pushed through the change feed.
        await PostWebhookAsync(LeadKit.MessagePayload(LeadKit.NorthNumberId, waId, "wamid.e2e." + Guid.NewGuid().ToString("N"),
            "Hi! Is the blue RAV4 still available?", name));
        await Expect(Item(page, name)).ToBeVisibleAsync(new() { Timeout = 2_000 });
        await Expect(Item(page, name).GetByTestId("unread-count")).ToHaveTextAsync("1");
        await ScreenshotAsync(page, "inbox-1280");

        await Item(page, name).ClickAsync();
        await Expect(page.GetByTestId("conversation-name")).ToHaveTextAsync(name);
        await Expect(page.GetByTestId("message").Filter(new() { HasText = "blue RAV4" })).ToBeVisibleAsync();

        // Reply through the outbox: queued, then sent by the local client, then delivered by the status webhook.
        await page.Locator("#reply-box").FillAsync("Yes, it is! Would you like a test drive on Saturday?");
        await page.GetByTestId("reply-send").ClickAsync();
        var reply = page.GetByTestId("message").Filter(new() { HasText = "test drive on Saturday" });
        await Expect(reply.GetByTestId("message-status")).ToHaveAttributeAsync("data-status", "sent");
        var conversationId = await page.GetByTestId("inbox-item").Filter(new() { HasText = name }).GetAttributeAsync("data-conversation-id");
        var messages = await page.APIRequest.GetAsync($"/api/conversations/{conversationId}/messages");
        Assert.True(messages.Ok, $"GET messages answered {messages.Status}");
        var providerId = (await messages.JsonAsync())!.Value.GetProperty("data").EnumerateArray()
            .Single(m => m.GetProperty("direction").GetString() == "outbound").GetProperty("providerMessageId").GetString()!;

        await PostWebhookAsync(LeadKit.StatusPayload(LeadKit.NorthNumberId, providerId, "delivered"));
        await Expect(reply.GetByTestId("message-status")).ToHaveAttributeAsync("data-status", "delivered");
        await ScreenshotAsync(page, "conversation-1280");

        // Claim it, then create the deal from the lead: the dialog comes prefilled; the lead is converted with the deal.
        await page.GetByTestId("lead-claim").ClickAsync();
        await Expect(page.GetByTestId("lead-assignee-name")).ToHaveTextAsync("You");
        await page.GetByTestId("lead-create-deal").ClickAsync();
        var dialog = Dialog(page);
        await Expect(dialog).ToBeVisibleAsync();
        await Expect(dialog.GetByLabel("First name")).ToHaveValueAsync("Jamie");
        await dialog.GetByTestId("create-deal").ClickAsync();
        await Expect(Dialog(page)).ToHaveCountAsync(0);
        await Expect(page.GetByTestId("lead-status-chip")).ToHaveTextAsync("Converted");
        await Expect(page.GetByTestId("lead-deal-link")).ToBeVisibleAsync();

        if (Environment.GetEnvironmentVariable("DEALDESK_SCREENSHOTS") is { Length: > 0 })
        {
            await page.SetViewportSizeAsync(390, 844);
            await ScreenshotAsync(page, "conversation-390");
            await page.GetByTestId("conversation-back").ClickAsync();
            await Expect(page.GetByTestId("inbox-list")).ToBeVisibleAsync();
            await ScreenshotAsync(page, "inbox-390");
        }
    });
}
