using DealDesk.Data.Accounts;
using DealDesk.Data.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace DealDesk.Data.Model;

/// <summary>ASP.NET Core Identity's tables, renamed and tied to a dealership.</summary>
internal static class IdentityTables
{
    public static void Configure(ModelBuilder builder)
    {
        builder.Entity<AppUser>(e =>
        {
            e.ToTable("users");
            e.Property(u => u.DisplayName).HasMaxLength(120);
            e.Property(u => u.FirstName).HasMaxLength(60).HasDefaultValue("");
            e.Property(u => u.LastName).HasMaxLength(60).HasDefaultValue("");
            // Composite key target: tenant-owned rows point at (dealership_id, id), never at a bare id.
            e.HasAlternateKey(u => new { u.DealershipId, u.Id });
            e.HasOne<Dealership>().WithMany().HasForeignKey(u => u.DealershipId).OnDelete(DeleteBehavior.Restrict);
        });
        builder.Entity<IdentityRole<Guid>>().ToTable("roles");
        builder.Entity<IdentityUserRole<Guid>>().ToTable("user_roles");
        builder.Entity<IdentityUserClaim<Guid>>().ToTable("user_claims");
        builder.Entity<IdentityUserLogin<Guid>>().ToTable("user_logins");
        builder.Entity<IdentityUserToken<Guid>>().ToTable("user_tokens");
        builder.Entity<IdentityRoleClaim<Guid>>().ToTable("role_claims");
    }
}
