using System.Net;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Web;

/// <summary>
/// blazor.web.js and MudBlazor's files come from the SDK and a NuGet package, not from wwwroot: outside Development
/// only Program's UseStaticWebAssets serves them (the test host adds nothing of its own). Without them the pages
/// render but never become interactive, which is what `dotnet run` (Production) once did.
/// </summary>
public sealed class StaticAssetsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Theory]
    [InlineData("/_framework/blazor.web.js", "javascript")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.css", "text/css")]
    [InlineData("/_content/MudBlazor/MudBlazor.min.js", "javascript")]
    public async Task The_framework_and_component_library_files_are_served_outside_development(string path, string contentType)
    {
        using var client = fixture.App.CreateBrowserClient();

        var response = await client.GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains(contentType, response.Content.Headers.ContentType?.MediaType);
        Assert.True((await response.Content.ReadAsByteArrayAsync()).Length > 1000);
    }
}
