using MudBlazor;

namespace DealDesk.Web.Components.Shared;

/// <summary>How a MudBlazor dialog ended, read in one place for every dialog of the app.</summary>
public static class DialogOutcome
{
    /// <summary>
    /// The data the dialog closed with, or null when it was cancelled (Cancel, Escape). MudBlazor's Result is a task
    /// that completes when the dialog closes: awaiting it yields the circuit to other events, it never blocks one.
    /// </summary>
    public static async Task<object?> ClosedWithAsync(this IDialogReference dialog) =>
        await dialog.Result is { Canceled: false } closed ? closed.Data : null;
}
