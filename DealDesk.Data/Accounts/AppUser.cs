using Microsoft.AspNetCore.Identity;

namespace DealDesk.Data.Accounts;

/// <summary>A dealership employee. Every user belongs to exactly one dealership.</summary>
public sealed class AppUser : IdentityUser<Guid>
{
    public Guid DealershipId { get; set; }
    public string DisplayName { get; set; } = "";
    /// <summary>Given and family name as the Staff page edits them; <see cref="DisplayName"/> is what the app shows.</summary>
    public string FirstName { get; set; } = "";
    public string LastName { get; set; } = "";
}
