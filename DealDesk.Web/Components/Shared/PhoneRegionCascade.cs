namespace DealDesk.Web.Components.Shared;

/// <summary>
/// The name of the cascading value that carries the dealership's country ("US", "GB") from the layout to every page
/// and dialog that shows or validates a phone. Null outside the layout (component tests) means the default region.
/// </summary>
public static class PhoneRegionCascade
{
    public const string Name = "PhoneRegion";
}
