using Bunit;
using DealDesk.Data;
using DealDesk.Data.Database;
using DealDesk.Data.Seeding;
using DealDesk.Data.Tenancy;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Infrastructure;

/// <summary>
/// A bUnit test whose components use the real data services against the class's test database, acting as a
/// demo user of Northside (the services' tenant is the base class's, so <see cref="SignInAsDemo"/> moves both).
/// </summary>
public abstract class DatabaseComponentTest : ComponentTest
{
    protected DatabaseComponentTest(DatabaseFixture fixture)
    {
        Db = fixture.Db;
        Services.AddMetrics();
        Services.AddDealDeskData(new DatabaseTarget(Db.AppConnectionString, Db.OwnerConnectionString), new DatabaseSettings());
        Services.AddDemoSeeding(); // Identity's password hasher and normalizer
        Services.AddSingleton(Tenant); // after AddDealDeskData: the services act for the signed-in test user
        Services.AddSingleton<ITenantContext>(Tenant);
    }

    protected TestDatabase Db { get; }

    /// <summary>Generous: the shared 2-core machine runs several suites at once.</summary>
    protected static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    /// <summary>The text input of a MudBlazor field (its data-testid lands on the input or on the field).</summary>
    protected static AngleSharp.Dom.IElement Input<T>(Bunit.IRenderedComponent<T> rendered, string testId) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var e = rendered.Find($"[data-testid={testId}]");
        return e.TagName == "INPUT" ? e : e.QuerySelector("input") ?? e;
    }

    /// <summary>All text of a MudBlazor field: label, value and its error or helper message.</summary>
    protected static string FieldText<T>(Bunit.IRenderedComponent<T> rendered, string testId) where T : Microsoft.AspNetCore.Components.IComponent
    {
        var e = rendered.Find($"[data-testid={testId}]");
        return (e.Closest(".mud-input-control") ?? e).TextContent;
    }

    protected async Task<DemoTenant> SignInAsDemo(bool manager)
    {
        var north = (await Db.DemoAsync()).North;
        SignInAs(manager, manager ? "Rosa Delgado" : "Noah Bennett");
        Tenant.DealershipId = north.DealershipId;
        Tenant.UserId = manager ? north.ManagerId : north.Sales1Id;
        return north;
    }
}
