using Npgsql;

namespace DealDesk.Bench;

/// <summary>
/// More dealerships than the demo's two, each with a salesperson who signs in with the demo password: clones of
/// Northside Motors' row and of its sales1 user (with its role), made in SQL as the superuser. Cloning every
/// column through jsonb keeps this right when a migration adds settings columns; copying the password hash works
/// because Identity's hash carries its own salt and is not bound to the user id. The WhatsApp number (unique) is
/// left empty. Thousands of these take a second, where Identity's UserManager would hash thousands of passwords.
/// </summary>
public static class BenchDealerships
{
    /// <summary>Adds <paramref name="count"/> dealerships named "{prefix} 01", … with sales1@{slug}-01.bench.test, …</summary>
    public static async Task<IReadOnlyList<BenchTenant>> AddAsync(string superuserConnectionString, BenchTenant template, string prefix, int count, CancellationToken ct)
    {
        if (count <= 0) return [];
        await using var c = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(superuserConnectionString) { Pooling = false }.ConnectionString);
        await c.OpenAsync(ct);
        await using var tx = await c.BeginTransactionAsync(ct);
        var slug = prefix.ToLowerInvariant().Replace(' ', '-');
        var tenants = new List<BenchTenant>(count);
        for (var i = 1; i <= count; i++)
        {
            var name = $"{prefix} {i:D2}";
            var email = $"sales1@{slug}-{i:D2}.bench.test";
            var dealershipId = Guid.CreateVersion7();
            var userId = Guid.CreateVersion7();
            // A batch: one round trip, and positional parameters allow one statement per command.
            await using var batch = new NpgsqlBatch(c, tx)
            {
                BatchCommands =
                {
                    Command("""
                        INSERT INTO dealerships
                        SELECT (jsonb_populate_record(NULL::dealerships, to_jsonb(d)
                            || jsonb_build_object('id', $1::uuid, 'name', $2::text, 'whatsapp_phone_number_id', NULL))).*
                        FROM dealerships d WHERE d.id = $3
                        """, dealershipId, name, template.DealershipId),
                    Command("""
                        INSERT INTO users
                        SELECT (jsonb_populate_record(NULL::users, to_jsonb(u)
                            || jsonb_build_object('id', $1::uuid, 'dealership_id', $2::uuid, 'email', $3::text, 'user_name', $3::text,
                                'normalized_email', upper($3), 'normalized_user_name', upper($3),
                                'security_stamp', upper(replace(gen_random_uuid()::text, '-', '')), 'concurrency_stamp', gen_random_uuid()::text))).*
                        FROM users u WHERE u.id = $4
                        """, userId, dealershipId, email, template.SalesUserId),
                    Command("INSERT INTO user_roles (user_id, role_id) SELECT $1, role_id FROM user_roles WHERE user_id = $2", userId, template.SalesUserId),
                },
            };
            await batch.ExecuteNonQueryAsync(ct);
            tenants.Add(new BenchTenant(name, dealershipId, email, userId));
        }
        await tx.CommitAsync(ct);
        return tenants;
    }

    static NpgsqlBatchCommand Command(string sql, params object[] values)
    {
        var command = new NpgsqlBatchCommand(sql);
        foreach (var value in values) command.Parameters.Add(new NpgsqlParameter { Value = value });
        return command;
    }
}
