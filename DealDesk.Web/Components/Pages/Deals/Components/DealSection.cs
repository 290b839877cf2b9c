namespace DealDesk.Web.Components.Pages.Deals.Components;

/// <summary>The part of the deal page an action changed: focus goes there afterwards, never to the page body.</summary>
public enum DealSection
{
    Heading,
    Customer,
    Vehicle,
}
