using Bunit;
using DealDesk.Data.Inventory;
using DealDesk.Data.Leads;
using DealDesk.Data.Notifications;
using DealDesk.Data.Tenancy;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using LeadsPage = DealDesk.Web.Components.Pages.Leads.Leads;
using DealDesk.Web.Components.Pages.Leads.Components;
using DealDesk.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Leads;

/// <summary>The inbox page and its conversation view: pushed changes re-render them; the reply box follows the window rule.</summary>
public sealed class LeadInboxPageTests : ComponentTest
{
    static readonly DateTimeOffset Now = new(2031, 7, 1, 15, 0, 0, TimeSpan.Zero);
    readonly FakeInbox _inbox = new();
    readonly FakeClock _clock = new(Now);

    public LeadInboxPageTests()
    {
        Services.AddSingleton<ILeadInbox>(_inbox);
        Services.AddSingleton<ILeadInboxActions>(new FakeActions());
        Services.AddSingleton<TimeProvider>(_clock);
        Services.AddSingleton<ICurrentDealership>(new FakeCurrentDealership(DealershipId));
        Services.AddScoped<DealershipClock>();
        SetRendererInfo(new RendererInfo("Server", isInteractive: true));
        Render<MudBlazor.MudPopoverProvider>();
    }

    sealed class FakeInbox : ILeadInbox
    {
        public List<InboxItem> Items = [];
        public Dictionary<Guid, LeadDetails> Details = [];
        public int Lists;

        public Task<Paged<InboxItem>> ListAsync(LeadSearch search, CancellationToken ct = default)
        {
            Interlocked.Increment(ref Lists);
            var items = Items.OrderByDescending(i => i.LastMessageAt).ToList();
            return Task.FromResult(new Paged<InboxItem>(items, 1, 100, items.Count));
        }

        public Task<LeadDetails> ByConversationAsync(Guid conversationId, CancellationToken ct = default) => Task.FromResult(Details[conversationId]);

        public Task<IReadOnlyList<(Guid Id, string Name)>> PeopleAsync(CancellationToken ct = default) =>
            Task.FromResult<IReadOnlyList<(Guid, string)>>([]);
    }

    sealed class FakeActions : ILeadInboxActions
    {
        public Task<LeadView> ClaimAsync(Guid leadId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<LeadView> AssignAsync(Guid leadId, Guid? userId, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<LeadView> UpdateAsync(Guid leadId, UpdateLeadRequest request, CancellationToken ct = default) => throw new NotSupportedException();
        public Task<MessageView> ReplyAsync(Guid conversationId, string? body, CancellationToken ct = default) => throw new NotSupportedException();
        public Task MarkReadAsync(Guid conversationId, CancellationToken ct = default) => Task.CompletedTask;
    }

    static InboxItem Item(string name, DateTimeOffset last, int unread = 1, DateTimeOffset? inbound = null) =>
        new(Guid.NewGuid(), Guid.NewGuid(), name, "+13125550100", "other", "new", "whatsapp", null, null, unread, false, last,
            inbound ?? last, null, "Hello", "inbound");

    static LeadDetails Details(InboxItem item, DateTimeOffset? lastInbound, bool optedOut = false, params MessageView[] messages) =>
        new(new LeadView(item.LeadId, item.ConversationId, item.CustomerPhone, item.CustomerName, "other", null, "new", "whatsapp", null, null, null,
                item.LastMessageAt, item.LastMessageAt, null),
            new ConversationView(item.ConversationId, item.LeadId, "whatsapp", item.CustomerPhone, "active", lastInbound, item.LastMessageAt, 0, optedOut),
            messages, null);

    static MessageView Out(Guid conversationId, string body, string status) =>
        new(Guid.NewGuid(), conversationId, "outbound", body, "wamid.x", status, null, Now, Now);

    Change Pushed(string kind, Guid id, Guid conversationId, string status) =>
        new(DealershipId, kind, id, new Dictionary<string, string?> { ["conversationId"] = conversationId.ToString(), [ChangeKeys.Status] = status });

    [Fact]
    public void The_list_shows_conversations_newest_first_with_unread_counts_and_SLA_badges()
    {
        _inbox.Items = [Item("Older Olga", Now.AddMinutes(-90)), Item("Newer Nina", Now.AddMinutes(-20), unread: 3), Item("Fresh Fred", Now.AddMinutes(-2))];

        var cut = Render<LeadsPage>();

        var names = cut.FindAll("[data-testid=inbox-name]").Select(n => n.TextContent).ToList();
        Assert.Equal(["Fresh Fred", "Newer Nina", "Older Olga"], names);
        var items = cut.FindAll("[data-testid=inbox-item]");
        Assert.Equal("3", items[1].QuerySelector("[data-testid=unread-count]")!.TextContent);
        Assert.Equal(["ok", "amber", "red"], items.Select(i => i.QuerySelector("[data-testid=sla-badge]")!.GetAttribute("data-sla")).ToList());
    }

    [Fact]
    public void A_pushed_new_conversation_appears_at_the_top_without_a_reload()
    {
        _inbox.Items = [Item("Older Olga", Now.AddMinutes(-30))];
        var cut = Render<LeadsPage>();
        var feed = Services.GetRequiredService<ChangeFeed>();

        var arrived = Item("Pushed Paula", Now);
        _inbox.Items.Add(arrived);
        feed.Deliver(Pushed(ChangeKinds.LeadCreated, arrived.LeadId, arrived.ConversationId, "new"));

        cut.WaitForAssertion(() => Assert.Equal("Pushed Paula", cut.FindAll("[data-testid=inbox-name]")[0].TextContent));
    }

    [Fact]
    public void A_pushed_status_moves_the_open_conversations_ticks()
    {
        var item = Item("Open Oscar", Now.AddMinutes(-5));
        var sent = Out(item.ConversationId, "See you Saturday", MessageStatuses.Sent);
        _inbox.Items = [item];
        _inbox.Details[item.ConversationId] = Details(item, Now.AddMinutes(-5), false, sent);
        var nav = Services.GetRequiredService<NavigationManager>();
        nav.NavigateTo($"/leads?c={item.ConversationId}");
        var cut = Render<LeadsPage>();
        Assert.Equal("sent", cut.Find("[data-testid=message-status]").GetAttribute("data-status"));

        _inbox.Details[item.ConversationId] = Details(item, Now.AddMinutes(-5), false, sent with { Status = MessageStatuses.Read });
        Services.GetRequiredService<ChangeFeed>().Deliver(Pushed(ChangeKinds.MessageStatus, sent.Id, item.ConversationId, "read"));

        cut.WaitForAssertion(() => Assert.Equal("read", cut.Find("[data-testid=message-status]").GetAttribute("data-status")));
    }

    [Theory]
    [InlineData(-23.9, false, null)]
    [InlineData(-24.1, false, "More than 24 hours")]
    [InlineData(-1, true, "opted out")]
    public void The_reply_box_is_open_only_inside_the_24_hour_window_and_never_after_an_opt_out(double hoursAgo, bool optedOut, string? reason)
    {
        var item = Item("Window Wanda", Now.AddHours(hoursAgo));
        var cut = Render<ConversationPane>(p => p
            .Add(x => x.Details, Details(item, Now.AddHours(hoursAgo), optedOut))
            .Add(x => x.Now, Now));

        var box = cut.Find("#reply-box");
        if (reason is null)
        {
            Assert.False(box.HasAttribute("disabled"));
            Assert.Empty(cut.FindAll("[data-testid=reply-blocked]"));
        }
        else
        {
            Assert.True(box.HasAttribute("disabled"));
            Assert.Contains(reason, cut.Find("[data-testid=reply-blocked]").TextContent);
        }
    }
}
