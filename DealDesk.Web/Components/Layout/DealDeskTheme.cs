using MudBlazor;

namespace DealDesk.Web.Components.Layout;

/// <summary>
/// The product's own palette: a deep "showroom" navy with a warm amber accent for the actions that
/// close deals, instead of MudBlazor's default purple.
/// </summary>
public static class DealDeskTheme
{
    public static readonly MudTheme Theme = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#1F3A5F",
            Secondary = "#E08A1E",
            Tertiary = "#2E7D6B",
            Info = "#2F6FB3",
            Success = "#2E7D32",
            Warning = "#C77700",
            Error = "#C62828",
            AppbarBackground = "#16293F",
            AppbarText = "#FFFFFF",
            Background = "#F4F6F9",
            Surface = "#FFFFFF",
            DrawerBackground = "#FFFFFF",
            DrawerText = "#24324A",
            DrawerIcon = "#1F3A5F",
            TextPrimary = "#1C2533",
            TextSecondary = "#5B6778",
            ActionDefault = "#5B6778",
            LinesDefault = "#E3E7ED",
            TableLines = "#E3E7ED",
        },
        PaletteDark = new PaletteDark
        {
            Primary = "#7FA7D9",
            Secondary = "#F0A445",
            Tertiary = "#5FBFA6",
            Info = "#6FA8E8",
            Success = "#66BB6A",
            Warning = "#FFB74D",
            Error = "#EF6B6B",
            AppbarBackground = "#0F1A28",
            Background = "#111A26",
            Surface = "#182434",
            DrawerBackground = "#141F2D",
            DrawerText = "#D5DEEA",
            DrawerIcon = "#9FB9DA",
            TextPrimary = "#E6ECF3",
            TextSecondary = "#A3B1C2",
            LinesDefault = "#2A3A50",
            TableLines = "#2A3A50",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = ["Inter", "Segoe UI", "Roboto", "Helvetica Neue", "Arial", "sans-serif"] },
            H4 = new H4Typography { FontWeight = "600", FontSize = "1.75rem" },
            H5 = new H5Typography { FontWeight = "600" },
            H6 = new H6Typography { FontWeight = "600" },
            Button = new ButtonTypography { TextTransform = "none", FontWeight = "600" },
        },
        LayoutProperties = new LayoutProperties { DefaultBorderRadius = "8px", DrawerWidthLeft = "232px" },
    };
}
