using System.Diagnostics.Metrics;
using DealDesk.Data;
using DealDesk.Data.Deals;
using DealDesk.Data.Tenancy;
using DealDesk.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DealDesk.Tests.Deals.Support;

/// <summary>A clock the test sets: deal numbers depend on the dealership's local date.</summary>
public sealed class FakeClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// The app's data services against a <see cref="TestDatabase"/> (<see cref="TestDatabase.CreateServices"/>)
/// plus the test seams: a fixed clock and deal-step observers. The provider's own meter factory lets a
/// test listen to this provider's "DealDesk" meter without hearing other test classes.
/// </summary>
public sealed class DealHost : IAsyncDisposable
{
    readonly ServiceProvider _services;

    DealHost(ServiceProvider services, FakeClock clock)
    {
        _services = services;
        Clock = clock;
    }

    public FakeClock Clock { get; }

    public IServiceProvider Services => _services;

    public static DealHost Create(TestDatabase db, DateTimeOffset now, params IDealStepObserver[] observers)
    {
        var clock = new FakeClock(now);
        var provider = db.CreateServices(configure: services =>
        {
            services.Replace(ServiceDescriptor.Singleton<TimeProvider>(clock));
            foreach (var observer in observers) services.AddSingleton(observer);
        });
        return new DealHost(provider, clock);
    }

    /// <summary>A scope acting as <paramref name="userId"/> of <paramref name="dealershipId"/>.</summary>
    public AsyncServiceScope Scope(Guid dealershipId, Guid userId, bool manager = false)
    {
        var scope = _services.CreateAsyncScope();
        var tenant = scope.ServiceProvider.GetRequiredService<TenantContext>();
        tenant.DealershipId = dealershipId;
        tenant.UserId = userId;
        tenant.IsManager = manager;
        return scope;
    }

    /// <summary>Listens to one instrument of this provider's meters only.</summary>
    public ScopedMeasurements Listen(string instrument) => new(_services.GetRequiredService<IMeterFactory>(), instrument);

    public ValueTask DisposeAsync() => _services.DisposeAsync();
}

/// <summary>Sums the measurements of one instrument whose meter came from one <see cref="IMeterFactory"/>.</summary>
public sealed class ScopedMeasurements : IDisposable
{
    readonly MeterListener _listener = new();
    readonly List<(long Value, Dictionary<string, string?> Tags)> _items = [];
    readonly Lock _gate = new();

    public ScopedMeasurements(IMeterFactory factory, string instrument)
    {
        _listener.InstrumentPublished = (i, l) =>
        {
            if (ReferenceEquals(i.Meter.Scope, factory) && i.Name == instrument) l.EnableMeasurementEvents(i);
        };
        _listener.SetMeasurementEventCallback<long>((_, value, tags, _) =>
        {
            var dict = new Dictionary<string, string?>();
            foreach (var t in tags) dict[t.Key] = t.Value?.ToString();
            lock (_gate) _items.Add((value, dict));
        });
        _listener.Start();
    }

    public long Total { get { lock (_gate) return _items.Sum(m => m.Value); } }

    /// <summary>Totals by the value of tag <paramref name="tag"/>, e.g. retries by SQLSTATE.</summary>
    public IReadOnlyDictionary<string, long> By(string tag)
    {
        lock (_gate)
            return _items.GroupBy(m => m.Tags.GetValueOrDefault(tag) ?? "").ToDictionary(g => g.Key, g => g.Sum(m => m.Value));
    }

    public void Dispose() => _listener.Dispose();
}

/// <summary>A deal-step observer that runs the test's action at every step (and counts them per step).</summary>
public sealed class StepProbe(Func<DealStep, DealDeskDbContext, CancellationToken, Task>? action = null) : IDealStepObserver
{
    readonly int[] _calls = new int[Enum.GetValues<DealStep>().Length];

    public Func<DealStep, DealDeskDbContext, CancellationToken, Task>? Action { get; set; } = action;

    public int Calls(DealStep step) => Volatile.Read(ref _calls[(int)step]);

    public async Task AfterAsync(DealStep step, DealDeskDbContext db, CancellationToken ct)
    {
        Interlocked.Increment(ref _calls[(int)step]);
        if (Action is { } action) await action(step, db, ct);
    }
}
