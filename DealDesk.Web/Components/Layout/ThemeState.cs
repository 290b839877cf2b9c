namespace DealDesk.Web.Components.Layout;

/// <summary>The circuit's light/dark choice, cascaded from Routes so the layout and any page can read it.</summary>
public sealed class ThemeState(bool isDark)
{
    public bool IsDark { get; set; } = isDark;
}
