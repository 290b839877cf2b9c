using System.Net;

namespace DealDesk.Tests.Infrastructure;

public static class HttpAssert
{
    /// <summary>Asserts a 302 whose Location path is <paramref name="path"/>; returns the Location (relative to the app).</summary>
    public static Uri RedirectsTo(HttpResponseMessage response, string path)
    {
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location ?? throw new Xunit.Sdk.XunitException("302 without a Location header");
        var absolute = location.IsAbsoluteUri ? location : new Uri(new Uri("http://localhost"), location);
        Assert.Equal(path, absolute.AbsolutePath);
        return absolute;
    }

    public static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) || response.Content.Headers.TryGetValues(name, out values)
            ? string.Join(",", values)
            : null;
}
