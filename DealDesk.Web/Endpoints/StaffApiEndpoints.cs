using DealDesk.Data.Staff;
using DealDesk.Web.Accounts;
using DealDesk.Web.Errors;

namespace DealDesk.Web.Endpoints;

/// <summary>
/// /api/staff: the Staff page's operations for API clients, managers only (401 signed out, 403 for a
/// salesperson). Temporary passwords appear in the one answer that creates them and nowhere else.
/// </summary>
internal static class StaffApiEndpoints
{
    public static void MapStaffApi(this IEndpointRouteBuilder routes)
    {
        var staff = routes.MapGroup("/api/staff").RequireAuthorization(Policies.Manager).AddEndpointFilter<ApiErrorFilter>();

        staff.MapGet("", async (StaffService service, CancellationToken ct) =>
            Results.Ok(new Envelope<IReadOnlyList<StaffMember>>(await service.ListAsync(ct))));
        staff.MapPost("", async (InviteStaffRequest request, StaffService service, CancellationToken ct) =>
        {
            var invitation = await service.InviteAsync(request, ct);
            return Results.Created($"/api/staff/{invitation.Member.Id}", new Envelope<StaffInvitation>(invitation));
        });
        staff.MapPost("/{id:guid}/role", async (Guid id, ChangeRoleRequest request, StaffService service, CancellationToken ct) =>
            Results.Ok(new Envelope<StaffMember>(await service.ChangeRoleAsync(id, request, ct))));
        staff.MapPost("/{id:guid}/lock", async (Guid id, StaffService service, CancellationToken ct) =>
            Results.Ok(new Envelope<StaffMember>(await service.LockAsync(id, ct))));
        staff.MapPost("/{id:guid}/unlock", async (Guid id, StaffService service, CancellationToken ct) =>
            Results.Ok(new Envelope<StaffMember>(await service.UnlockAsync(id, ct))));
        staff.MapPost("/{id:guid}/reset-password", async (Guid id, StaffService service, CancellationToken ct) =>
            Results.Ok(new Envelope<StaffPasswordReset>(await service.ResetPasswordAsync(id, ct))));
    }
}
