using Bunit;
using DealDesk.Data.Monitoring;
using DealDesk.Tests.Infrastructure;
using DealDesk.Web.Components.Pages.Monitoring.Components;

namespace DealDesk.Tests.Monitoring.Components;

public sealed class AlertBannerTests : ComponentTest
{
    [Fact]
    public void No_alert_renders_no_banner()
    {
        var banner = Render<AlertBanner>(p => p.Add(b => b.Alerts, TestSnapshots.Healthy().Alerts));

        Assert.Empty(banner.FindAll("[data-testid=alert-banner]"));
    }

    [Fact]
    public void Each_crossed_threshold_shows_its_title_detail_and_start_time()
    {
        IReadOnlyList<Alert> alerts =
        [
            TestSnapshots.Alert("pool.waiting", "Requests are waiting for a database connection", "7 waiting (threshold 5); 20 of 20 pooled connections in use."),
            TestSnapshots.Alert("queries.slow", "Many slow queries", "140 commands took 1000 ms or more in the last 15 minutes (threshold 100)."),
        ];

        var banner = Render<AlertBanner>(p => p.Add(b => b.Alerts, alerts));

        Assert.Equal("alert", banner.Find("[data-testid=alert-banner]").GetAttribute("role"));
        var pool = banner.Find("[data-testid='alert-pool.waiting']").TextContent;
        Assert.Contains("Requests are waiting for a database connection", pool);
        Assert.Contains("7 waiting (threshold 5)", pool);
        Assert.Contains("since 14:28:00 UTC", pool);
        Assert.Contains("140 commands", banner.Find("[data-testid='alert-queries.slow']").TextContent);
    }

    [Fact]
    public void A_dealerships_integrity_alert_is_in_its_managers_view_and_not_in_anothers()
    {
        var other = Guid.NewGuid();
        var s = TestSnapshots.Healthy() with
        {
            Alerts = [TestSnapshots.Alert($"integrity.{other:N}", "Integrity check failing", "No vehicle is pending without an open deal holding it: 1", other)],
        };

        var mine = Render<AlertBanner>(p => p.Add(b => b.Alerts, s.AlertsFor(TestSnapshots.Dealership)));
        var theirs = Render<AlertBanner>(p => p.Add(b => b.Alerts, s.AlertsFor(other)));

        Assert.Empty(mine.FindAll("[data-testid=alert-banner]"));
        Assert.Contains("Integrity check failing", theirs.Find("[data-testid=alert-banner]").TextContent);
    }
}
