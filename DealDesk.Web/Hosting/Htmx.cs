namespace DealDesk.Web.Hosting;

/// <summary>What the server needs to know about htmx: who is asking, and how to send them elsewhere.</summary>
internal static class Htmx
{
    public static bool IsHtmx(this HttpRequest request) => request.Headers.ContainsKey("HX-Request");

    /// <summary>htmx follows HX-Redirect with a full navigation; a plain form post gets 303 See Other (a GET).</summary>
    public static IResult Navigate(HttpContext http, string url)
    {
        if (http.Request.IsHtmx())
        {
            http.Response.Headers["HX-Redirect"] = url;
            return Results.Ok();
        }
        http.Response.Headers.Location = url;
        return Results.StatusCode(StatusCodes.Status303SeeOther);
    }
}
