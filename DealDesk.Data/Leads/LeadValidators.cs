using DealDesk.Data.Deals;
using FluentValidation;

namespace DealDesk.Data.Leads;

public sealed class CreateLeadValidator : AbstractValidator<CreateLeadRequest>
{
    public CreateLeadValidator()
    {
        RuleFor(r => r.CustomerPhone).NotEmpty().WithMessage("Enter the customer's phone number.").PhoneNumber();
        RuleFor(r => r.CustomerName).NotEmpty().WithMessage("Enter the customer's name.").MaximumLength(160);
        RuleFor(r => r.Type).NotEmpty().WithMessage("Choose the lead type.")
            .Must(t => t is null || LeadTypes.All.Contains(t)).WithMessage($"Unknown lead type; use one of {string.Join(", ", LeadTypes.All)}.");
        RuleFor(r => r.Source).Must(s => s is null || LeadSources.All.Contains(s))
            .WithMessage($"Unknown source; use one of {string.Join(", ", LeadSources.All)}.");
        RuleFor(r => r.Details).MaximumLength(2000);
    }
}

public sealed class ManualSendValidator : AbstractValidator<ManualSendRequest>
{
    public ManualSendValidator()
    {
        RuleFor(r => r.To).NotEmpty().WithMessage("Enter the phone number to send to.").PhoneNumber();
        RuleFor(r => r.Message).NotEmpty().WithMessage("Write a message.").MaximumLength(4096);
        RuleFor(r => r.CustomerName).NotEmpty().When(r => r.CreateLead).WithMessage("Enter the customer's name to create a lead.")
            .MaximumLength(160);
    }
}

public sealed class UpdateLeadValidator : AbstractValidator<UpdateLeadRequest>
{
    public UpdateLeadValidator()
    {
        RuleFor(r => r.Status).Must(s => s is null || LeadStatuses.Settable.Contains(s))
            .WithMessage("Set new, contacted, qualified or lost; a lead becomes converted when its deal is created.");
        RuleFor(r => r.Type).Must(t => t is null || LeadTypes.All.Contains(t)).WithMessage("Unknown lead type.");
        RuleFor(r => r.Notes).MaximumLength(4000);
    }
}
