using DealDesk.Data.Accounts;
using DealDesk.Data.Deals;
using FluentValidation;

namespace DealDesk.Data.Staff;

public sealed class InviteStaffValidator : AbstractValidator<InviteStaffRequest>
{
    public InviteStaffValidator()
    {
        RuleFor(r => r.Email).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Email is required.")
            .DependentRules(() => RuleFor(r => r.Email).Must(v => DealRules.Email.IsMatch(v!.Trim()))
                .WithMessage("Enter an email like name@example.com.").MaximumLength(254));
        RuleFor(r => r.FirstName).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("First name is required.").MaximumLength(60);
        RuleFor(r => r.LastName).Must(v => !string.IsNullOrWhiteSpace(v)).WithMessage("Last name is required.").MaximumLength(60);
        RuleFor(r => r.Role).Must(StaffRoles.IsRole).WithMessage(StaffRoles.Message);
    }
}

public sealed class ChangeRoleValidator : AbstractValidator<ChangeRoleRequest>
{
    public ChangeRoleValidator() => RuleFor(r => r.Role).Must(StaffRoles.IsRole).WithMessage(StaffRoles.Message);
}

internal static class StaffRoles
{
    public const string Message = "Choose Salesperson or Manager.";

    public static bool IsRole(string? role) => role is not null && Roles.All.Contains(role);
}
