using DealDesk.Data.Errors;

namespace DealDesk.Data.Staff;

public static class StaffErrors
{
    public static DealDeskException LastManager(string action) => new(AppError.Conflict(ErrorCodes.LastManager,
        $"You cannot {action} the dealership's last active manager. Make someone else a manager first."));

    public static DealDeskException EmailTaken() => new(new AppError(ErrorCodes.ValidationFailed, 409,
        "Someone already signs in with that email.",
        Details: new Dictionary<string, object?> { ["fields"] = new Dictionary<string, string[]> { ["email"] = ["Someone already signs in with that email."] } }));

    public static DealDeskException ManagersOnly() =>
        new(new AppError(ErrorCodes.Forbidden, 403, "Only a manager can manage staff.", ErrorSeverity.Error));
}
