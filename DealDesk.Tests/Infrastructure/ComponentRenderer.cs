using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Web;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace DealDesk.Tests.Infrastructure;

/// <summary>
/// Renders a Razor component to HTML with ASP.NET Core's HtmlRenderer (bUnit cannot restore here)
/// and parses it with AngleSharp. The markup lands in the parsed document's body.
/// </summary>
public static class ComponentRenderer
{
    static readonly HtmlParser Parser = new();

    public static async Task<IHtmlDocument> RenderAsync<TComponent>(IDictionary<string, object?> parameters, IServiceProvider? services = null)
        where TComponent : IComponent =>
        Parser.ParseDocument(await RenderHtmlAsync<TComponent>(parameters, services));

    public static async Task<string> RenderHtmlAsync<TComponent>(IDictionary<string, object?> parameters, IServiceProvider? services = null)
        where TComponent : IComponent
    {
        ServiceProvider? owned = null;
        if (services is null)
        {
            owned = new ServiceCollection().AddLogging().BuildServiceProvider();
            services = owned;
        }
        try
        {
            var loggers = services.GetService<ILoggerFactory>() ?? NullLoggerFactory.Instance;
            await using var renderer = new HtmlRenderer(services, loggers);
            return await renderer.Dispatcher.InvokeAsync(async () =>
            {
                var output = await renderer.RenderComponentAsync<TComponent>(ParameterView.FromDictionary(parameters));
                return output.ToHtmlString();
            });
        }
        finally
        {
            if (owned is not null) await owned.DisposeAsync();
        }
    }
}
