using DealDesk.Web.Accounts;

namespace DealDesk.Web.Components.Layout;

/// <summary>
/// The light/dark switch is remembered per user in a cookie named after the user id: the static
/// document reads it before the first paint (no flash of the wrong theme), and a colleague signing in
/// on the same desk computer keeps their own choice. The circuit writes it through dealdesk.js.
/// </summary>
public static class ThemePreference
{
    public static string CookieName(Guid userId) => $"dealdesk.theme.{userId:N}";

    public static bool IsDark(HttpContext http) =>
        http.User.UserId() is { } id && http.Request.Cookies[CookieName(id)] == "dark";
}
