using Microsoft.AspNetCore.Identity;

namespace DealDesk.Data.Accounts;

/// <summary>A dealership employee. Every user belongs to exactly one dealership.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public Guid DealershipId { get; set; }
    public string DisplayName { get; set; } = "";
}
