using MudBlazor;

namespace DealDesk.Web.Components.Shared;

/// <summary>What an irreversible action asks before it runs.</summary>
public sealed record Confirmation(string Title, string Message, string ConfirmText, string CancelText = "Keep it",
    Color Color = Color.Primary, string Icon = Icons.Material.Outlined.HelpOutline);

public static class ConfirmDialogs
{
    /// <summary>Shows the confirmation; true only when the user pressed the confirming button.</summary>
    public static async Task<bool> ConfirmAsync(this IDialogService dialogs, Confirmation confirmation)
    {
        var parameters = new DialogParameters<ConfirmDialog>
        {
            { d => d.Title, confirmation.Title },
            { d => d.Message, confirmation.Message },
            { d => d.ConfirmText, confirmation.ConfirmText },
            { d => d.CancelText, confirmation.CancelText },
            { d => d.Color, confirmation.Color },
            { d => d.Icon, confirmation.Icon },
        };
        var options = new DialogOptions { MaxWidth = MaxWidth.ExtraSmall, FullWidth = true, CloseOnEscapeKey = true };
        var dialog = await dialogs.ShowAsync<ConfirmDialog>(confirmation.Title, parameters, options);
        return await dialog.ClosedWithAsync() is true;
    }
}
