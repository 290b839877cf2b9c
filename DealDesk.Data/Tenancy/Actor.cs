using DealDesk.Data.Errors;

namespace DealDesk.Data.Tenancy;

/// <summary>The signed-in person a write acts for: their dealership comes from here, never from a request body.</summary>
public readonly record struct Actor(Guid DealershipId, Guid UserId, bool IsManager)
{
    public static Actor From(ITenantContext tenant) =>
        tenant is { DealershipId: { } d, UserId: { } u }
            ? new Actor(d, u, tenant.IsManager)
            : throw new DealDeskException(new AppError(ErrorCodes.Unauthorized, 401, "Sign in first."));
}
