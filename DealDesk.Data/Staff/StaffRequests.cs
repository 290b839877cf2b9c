namespace DealDesk.Data.Staff;

/// <summary>POST /api/staff: <c>{email, firstName, lastName, role}</c>.</summary>
public sealed record InviteStaffRequest(string? Email, string? FirstName, string? LastName, string? Role);

/// <summary>POST /api/staff/{id}/role: <c>{role}</c>.</summary>
public sealed record ChangeRoleRequest(string? Role);
