using DealDesk.Data.Errors;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Tenancy;

/// <summary>
/// Why a row the tenant asked for is not visible: it belongs to another dealership (403
/// MULTI_TENANT_VIOLATION) or it does not exist (404). Row-level security hides both the same way,
/// so this asks the migration's narrow SECURITY DEFINER probe.
/// </summary>
public static class Ownership
{
    public static async Task<DealDeskException> MissingAsync(DealDeskDbContext db, string table, string label, Guid id, CancellationToken ct)
    {
        var foreign = await db.Database
            .SqlQuery<bool>($"SELECT app_belongs_to_other_dealership({table}, {id}) AS \"Value\"")
            .SingleAsync(ct);
        return new DealDeskException(foreign ? AppError.OtherDealership(label) : AppError.NotFound(label, id));
    }
}
