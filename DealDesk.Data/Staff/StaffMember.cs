namespace DealDesk.Data.Staff;

/// <summary>One of the dealership's people as the Staff page and GET /api/staff show them.</summary>
/// <param name="LockedUntil">Set while the account is locked (by a manager, or by too many failed sign-ins).</param>
public sealed record StaffMember(Guid Id, string Email, string FirstName, string LastName, string DisplayName, string Role,
    DateTimeOffset? LockedUntil)
{
    public bool IsLocked => LockedUntil is { } until && until > DateTimeOffset.UtcNow;
    public string Status => IsLocked ? "Locked" : "Active";
}

/// <summary>A new account and its temporary password, shown once: only its hash is stored.</summary>
public sealed record StaffInvitation(StaffMember Member, string TemporaryPassword);

/// <summary>A reset password, shown once.</summary>
public sealed record StaffPasswordReset(Guid UserId, string TemporaryPassword);
