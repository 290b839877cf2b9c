using DealDesk.Data.Monitoring;

namespace DealDesk.Web.Components.Pages.Monitoring.Components;

/// <summary>
/// One manager's view of a sampler snapshot: the shared numbers plus what is theirs to see (their dealership's
/// integrity and alerts, slow queries and errors of their dealership or of nobody's). The parts render from it alone.
/// </summary>
public sealed record DashboardView(
    MonitoringSnapshot Snapshot,
    IntegrityStatus? Integrity,
    IReadOnlyList<Alert> Alerts,
    IReadOnlyList<CommandRecord> SlowQueries,
    IReadOnlyList<ErrorRecord> RecentErrors)
{
    public static DashboardView For(MonitoringSnapshot snapshot, MonitoringQueries queries) => new(
        snapshot, snapshot.IntegrityFor(queries.DealershipId), snapshot.AlertsFor(queries.DealershipId),
        queries.SlowQueries(snapshot.Window, 50), queries.RecentErrors(50));

    public bool HasAlert(string keyPrefix) => Alerts.Any(a => a.Key.StartsWith(keyPrefix, StringComparison.Ordinal));
}
