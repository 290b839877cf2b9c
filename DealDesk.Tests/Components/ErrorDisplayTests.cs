using Bunit;
using DealDesk.Data.Errors;
using DealDesk.Tests.Infrastructure;
using DealDesk.Web.Components.Layout;
using DealDesk.Web.Components.Shared;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;

namespace DealDesk.Tests.Components;

/// <summary>Typed errors render inline with their reference; anything else is caught by the error boundary, which recovers.</summary>
public sealed class ErrorDisplayTests : ComponentTest
{
    [Fact]
    public void A_typed_error_shows_its_message_code_and_reference()
    {
        var error = new ShownError(AppError.NotFound("Deal"), "abc123");

        var cut = Render<ErrorAlert>(p => p.Add(a => a.Error, error));

        var alert = cut.Find("[data-testid=error-alert]");
        Assert.Equal(ErrorCodes.ResourceNotFound, alert.GetAttribute("data-error-code"));
        Assert.Contains("Deal was not found.", alert.TextContent);
        Assert.Contains("Reference: abc123", alert.TextContent);
    }

    [Fact]
    public void No_error_renders_nothing()
    {
        var cut = Render<ErrorAlert>(p => p.Add(a => a.Error, null));

        Assert.Empty(cut.FindAll("[data-testid=error-alert]"));
    }

    [Fact]
    public void An_unexpected_exception_shows_the_friendly_error_with_a_reference_and_try_again_recovers()
    {
        var fail = true;
        var cut = Render<DealDeskErrorBoundary>(p => p.AddChildContent<Thrower>(t => t.Add(x => x.Fail, () => fail)));
        cut.Find("button.throw").Click();

        Assert.Contains("Something went wrong", cut.Find("[data-testid=unexpected-error]").TextContent);
        Assert.False(string.IsNullOrWhiteSpace(cut.Find("[data-testid=error-reference]").TextContent));

        fail = false;
        cut.Find("[data-testid=unexpected-error] button").Click();

        Assert.Empty(cut.FindAll("[data-testid=unexpected-error]"));
        Assert.NotNull(cut.Find("button.throw"));
    }

    private sealed class Thrower : ComponentBase
    {
        [Parameter] public Func<bool> Fail { get; set; } = () => true;

        protected override void BuildRenderTree(Microsoft.AspNetCore.Components.Rendering.RenderTreeBuilder builder)
        {
            builder.OpenElement(0, "button");
            builder.AddAttribute(1, "class", "throw");
            builder.AddAttribute(2, "onclick", EventCallback.Factory.Create<MouseEventArgs>(this, () =>
            {
                if (Fail()) throw new InvalidOperationException("boom");
            }));
            builder.CloseElement();
        }
    }
}
