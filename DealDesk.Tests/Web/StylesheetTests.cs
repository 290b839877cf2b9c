using System.Net;
using System.Text.RegularExpressions;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Web;

/// <summary>
/// app.css is appended to by every feature, and a merge once dropped one closing brace: the browser then reads
/// everything after it as part of one media query, and three pages lost their layout without any error.
/// </summary>
public sealed partial class StylesheetTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_served_stylesheet_closes_every_block_it_opens()
    {
        using var client = fixture.App.CreateBrowserClient();

        var response = await client.GetAsync("/css/app.css");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var css = Comments().Replace(await response.Content.ReadAsStringAsync(), "");
        var depth = 0;
        var line = 1;
        foreach (var c in css)
        {
            if (c == '\n') line++;
            depth += c == '{' ? 1 : c == '}' ? -1 : 0;
            Assert.True(depth >= 0, $"app.css closes a block it never opened near line {line}");
        }
        Assert.Equal(0, depth);
        Assert.Contains(".dd-facts", css);
    }

    [GeneratedRegex(@"/\*.*?\*/", RegexOptions.Singleline)]
    private static partial Regex Comments();
}
