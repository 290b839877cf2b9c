using DealDesk.Web.Hosting;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Rendering;
using Microsoft.AspNetCore.Components.Web;

namespace DealDesk.Web.Components.Layout;

/// <summary>
/// The last line for a page: an exception a component did not turn into an inline typed error is
/// logged with the circuit's correlation id and replaced by the friendly error, while the circuit
/// stays alive (navigation recovers it, "Try again" re-renders the page).
/// </summary>
public sealed class DealDeskErrorBoundary : ErrorBoundary
{
    [Inject] private ILogger<DealDeskErrorBoundary> Logger { get; set; } = default!;
    [Inject] private CorrelationScope Correlation { get; set; } = default!;

    private string? reference;

    protected override Task OnErrorAsync(Exception exception)
    {
        reference = Correlation.Current;
        Logger.LogError(exception, "Unhandled error in a page (correlation {CorrelationId})", reference);
        return Task.CompletedTask;
    }

    protected override void BuildRenderTree(RenderTreeBuilder builder)
    {
        if (CurrentException is null)
        {
            builder.AddContent(0, ChildContent);
            return;
        }
        builder.OpenComponent<UnexpectedError>(1);
        builder.AddComponentParameter(2, nameof(UnexpectedError.Reference), reference);
        builder.AddComponentParameter(3, nameof(UnexpectedError.OnRetry), EventCallback.Factory.Create(this, Recover));
        builder.CloseComponent();
    }
}
