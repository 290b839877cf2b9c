using DealDesk.Tests.Monitoring.Support;

namespace DealDesk.Tests.Monitoring;

/// <summary>Sampling every 200 ms; details (statements, tables, integrity) once an hour, so each tick's PostgreSQL work is the same.</summary>
public sealed class SamplerCostFixture : MonitoringFixture
{
    protected override string Prefix => "sampler_cost";

    protected override Dictionary<string, string> Settings => new(base.Settings) { ["Monitoring:DetailsInterval"] = "01:00:00" };
}

/// <summary>
/// One sampler per instance: PostgreSQL is asked only while a dashboard is subscribed (at the idle rate otherwise),
/// and twenty dashboards cost it what one does. Counted by the probe itself (every statement it sends).
/// </summary>
public sealed class SamplerCostTests(SamplerCostFixture fixture) : IClassFixture<SamplerCostFixture>
{
    const int Ticks = 10;

    [Fact]
    public async Task With_no_dashboard_open_the_sampler_leaves_PostgreSQL_alone_between_idle_samples()
    {
        var first = await fixture.Sampler.TicksAsync(2); // the start-up sample is behind us
        Assert.Equal(0, first.Dashboards);

        var last = await fixture.Sampler.TicksAsync(Ticks);

        Assert.True(last.Sequence >= first.Sequence + Ticks);
        Assert.Equal(first.Cost.Queries, last.Cost.Queries); // ~2 s of ticks, the idle interval is 60 s
        Assert.True(last.Pool.Max == 3, "the in-process numbers still move on every tick");
    }

    [Fact]
    public async Task Twenty_open_dashboards_cost_the_database_what_one_does()
    {
        var north = (await fixture.Db.DemoAsync()).North;

        var one = await QueriesPerTickAsync(1, north.DealershipId);
        var twenty = await QueriesPerTickAsync(20, north.DealershipId);

        Assert.True(one > 0, "a dashboard makes the sampler ask PostgreSQL");
        Assert.Equal(one, twenty);
    }

    async Task<double> QueriesPerTickAsync(int dashboards, Guid dealershipId)
    {
        var subscriptions = Enumerable.Range(0, dashboards).Select(_ => fixture.Sampler.Subscribe(dealershipId, _ => Task.CompletedTask)).ToList();
        try
        {
            var start = await fixture.Sampler.TicksAsync(2); // past the catch-up sample a first subscriber asks for
            Assert.Equal(dashboards, start.Dashboards);
            var end = await fixture.Sampler.TicksAsync(Ticks);
            return (double)(end.Cost.Queries - start.Cost.Queries) / (end.Sequence - start.Sequence);
        }
        finally
        {
            subscriptions.ForEach(s => s.Dispose());
        }
    }
}
