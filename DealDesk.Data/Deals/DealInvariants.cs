using Npgsql;

namespace DealDesk.Data.Deals;

public sealed record InvariantResult(string Name, string Description, long Violations, IReadOnlyList<string> Samples)
{
    public bool Holds => Violations == 0;
}

/// <summary>
/// The deal invariants as SQL, for tests and (later) the monitoring dashboard. Runs with whatever
/// the connection may see: the app role sees its tenant's rows, a superuser sees every dealership.
/// </summary>
public static class DealInvariants
{
    private static readonly (string Name, string Description, string Sql)[] Checks =
    [
        ("active_scenario", "Every deal has its active scenario, and that scenario is the deal's own",
            """
            SELECT d.deal_number FROM deals d
            LEFT JOIN pricing_scenarios s ON s.id = d.active_scenario_id AND s.deal_id = d.id
            WHERE s.id IS NULL
            """),
        ("vehicle_pending_iff_open_deal", "A vehicle is pending exactly when one open deal holds it",
            """
            SELECT v.stock_number FROM vehicles v
            LEFT JOIN LATERAL (SELECT count(*) AS n FROM deals d
                               WHERE d.vehicle_id = v.id AND d.state NOT IN ('DELIVERED','CANCELLED')) o ON true
            WHERE (v.status = 'pending') <> (o.n = 1) OR o.n > 1
            """),
        ("deal_numbers_unique", "Deal numbers are unique per dealership",
            "SELECT deal_number FROM deals GROUP BY dealership_id, deal_number HAVING count(*) > 1"),
        ("deal_numbers_gapless", "Each dealership's numbers for a day run 1..n without gaps",
            """
            SELECT dealership_id || ' ' || left(deal_number, 9) FROM deals
            GROUP BY dealership_id, left(deal_number, 9)
            HAVING max(split_part(deal_number, '-', 3)::int) <> count(*)
            """),
        ("creation_audited", "Every deal has its creation audit entry",
            """
            SELECT d.deal_number FROM deals d
            WHERE NOT EXISTS (SELECT 1 FROM audit_log a WHERE a.entity_id = d.id AND a.action = 'deal.created'
                              AND a.dealership_id = d.dealership_id)
            """),
    ];

    public static async Task<IReadOnlyList<InvariantResult>> CheckAsync(NpgsqlConnection connection, CancellationToken ct = default)
    {
        var results = new List<InvariantResult>();
        foreach (var (name, description, sql) in Checks)
        {
            await using var cmd = new NpgsqlCommand(sql, connection);
            var samples = new List<string>();
            long count = 0;
            await using (var reader = await cmd.ExecuteReaderAsync(ct))
                while (await reader.ReadAsync(ct))
                    if (count++ < 5) samples.Add(reader.GetValue(0)?.ToString() ?? "");
            results.Add(new InvariantResult(name, description, count, samples));
        }
        return results;
    }
}
