using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Deals;

/// <summary>
/// Another dealership's rows are a typed 403 (MULTI_TENANT_VIOLATION), unknown ids a 404, and neither writes
/// anything: in the service, in the read side, and through the JSON API.
/// </summary>
public sealed class DealTenancyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    TestDatabase Db => fixture.Db;

    async Task<AppError> CreateFailsAsync(CreateDealRequest request, string code, int status)
    {
        var demo = await Db.DemoAsync();
        var before = await DbSnapshot.TakeAsync(Db);
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.ManagerId).AsManager();
        var error = await DealKit.FailsAsync(() => scope.Get<DealService>().CreateAsync(request), code, status);
        await before.AssertUnchangedAsync(Db);
        return error;
    }

    async Task<(Guid Customer, Guid Vehicle)> NorthPartsAsync()
    {
        var demo = await Db.DemoAsync();
        return ((await DealKit.CustomersAsync(Db, demo.North.DealershipId))[0], await DealKit.AddVehicleAsync(Db, demo.North.DealershipId));
    }

    [Fact]
    public async Task The_other_dealerships_customer_is_a_multi_tenant_violation()
    {
        var demo = await Db.DemoAsync();
        var (_, vehicle) = await NorthPartsAsync();
        var southCustomer = (await DealKit.CustomersAsync(Db, demo.South.DealershipId))[0];

        var error = await CreateFailsAsync(DealKit.Request(southCustomer, vehicle), ErrorCodes.MultiTenantViolation, 403);

        Assert.Equal("Customer", DealKit.Detail(error, "entity"));
        Assert.Equal("available", await DealKit.VehicleStatusAsync(Db, vehicle));
    }

    [Fact]
    public async Task The_other_dealerships_vehicle_is_a_multi_tenant_violation_and_stays_available()
    {
        var demo = await Db.DemoAsync();
        var (customer, _) = await NorthPartsAsync();
        var southVehicle = await DealKit.AddVehicleAsync(Db, demo.South.DealershipId);

        var error = await CreateFailsAsync(DealKit.Request(customer, southVehicle), ErrorCodes.MultiTenantViolation, 403);

        Assert.Equal("Vehicle", DealKit.Detail(error, "entity"));
        Assert.Equal("available", await DealKit.VehicleStatusAsync(Db, southVehicle));
    }

    [Fact]
    public async Task The_other_dealerships_salesperson_is_a_multi_tenant_violation()
    {
        var demo = await Db.DemoAsync();
        var (customer, vehicle) = await NorthPartsAsync();

        await CreateFailsAsync(DealKit.Request(customer, vehicle) with { SalespersonId = demo.South.Sales2Id.ToString() },
            ErrorCodes.MultiTenantViolation, 403);
    }

    [Fact]
    public async Task Naming_the_other_dealership_in_the_body_is_a_multi_tenant_violation_and_naming_ones_own_is_fine()
    {
        var demo = await Db.DemoAsync();
        var (customer, vehicle) = await NorthPartsAsync();

        await CreateFailsAsync(DealKit.Request(customer, vehicle) with { DealershipId = demo.South.DealershipId.ToString() },
            ErrorCodes.MultiTenantViolation, 403);

        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id);
        var ok = await scope.Get<DealService>().CreateAsync(DealKit.Request(customer, vehicle) with { DealershipId = demo.North.DealershipId.ToString() });
        Assert.Equal(vehicle, ok.Deal.VehicleId);
    }

    [Fact]
    public async Task Unknown_customer_and_vehicle_ids_are_not_found()
    {
        var (customer, vehicle) = await NorthPartsAsync();
        var unknownCustomer = Guid.NewGuid();
        var unknownVehicle = Guid.NewGuid();

        var c = await CreateFailsAsync(DealKit.Request(unknownCustomer, vehicle), ErrorCodes.ResourceNotFound, 404);
        var v = await CreateFailsAsync(DealKit.Request(customer, unknownVehicle), ErrorCodes.ResourceNotFound, 404);

        Assert.Equal(("Customer", (object?)unknownCustomer), (DealKit.Detail(c, "entity"), DealKit.Detail(c, "id")));
        Assert.Equal(("Vehicle", (object?)unknownVehicle), (DealKit.Detail(v, "entity"), DealKit.Detail(v, "id")));
        Assert.Equal("available", await DealKit.VehicleStatusAsync(Db, vehicle));
    }

    [Fact]
    public async Task Reading_the_other_dealerships_deal_is_forbidden_and_an_unknown_deal_is_not_found()
    {
        var demo = await Db.DemoAsync();
        DealResult southDeal;
        await using (var south = Db.CreateScope(demo.South.DealershipId, demo.South.Sales1Id))
            southDeal = await south.Get<DealService>().CreateAsync(new CreateDealRequest { CustomerData = DealKit.NewCustomer("Southern") });
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.ManagerId).AsManager();
        var queries = scope.Get<DealQueries>();

        await DealKit.FailsAsync(() => queries.GetAsync(southDeal.Deal.Id), ErrorCodes.MultiTenantViolation, 403);
        await DealKit.FailsAsync(() => queries.GetAsync(Guid.NewGuid()), ErrorCodes.ResourceNotFound, 404);
        var listed = await queries.ListAsync(new DealSearch(Query: "Southern"));
        Assert.DoesNotContain(listed.Items, d => d.Id == southDeal.Deal.Id);
        Assert.Equal(0, listed.Total);

        await using var own = Db.CreateScope(demo.South.DealershipId, demo.South.Sales2Id);
        Assert.Equal(southDeal.Deal.DealNumber, (await own.Get<DealQueries>().GetAsync(southDeal.Deal.Id)).Deal.DealNumber); // the control
    }

    [Fact]
    public async Task The_API_answers_another_dealerships_vehicle_with_a_403_error_body_and_writes_nothing()
    {
        var demo = await Db.DemoAsync();
        var (customer, _) = await NorthPartsAsync();
        var southVehicle = await DealKit.AddVehicleAsync(Db, demo.South.DealershipId);
        using var client = await ApiKit.ClientAsync(fixture.App, "sales1@northside.test");
        var before = await DbSnapshot.TakeAsync(Db);

        var reply = await ApiKit.PostAsync(client, "/api/deals",
            new { customerId = customer, vehicleId = southVehicle }, correlationId: "tenancy-check-0001");

        ApiKit.AssertError(reply, 403, ErrorCodes.MultiTenantViolation);
        Assert.Equal("tenancy-check-0001", reply.Json.GetProperty("correlationId").GetString());
        Assert.Equal("Vehicle", reply.Json.GetProperty("details").GetProperty("entity").GetString());
        await before.AssertUnchangedAsync(Db);

        var generated = await ApiKit.PostAsync(client, "/api/deals", new { customerId = customer, vehicleId = southVehicle });
        ApiKit.AssertError(generated, 403, ErrorCodes.MultiTenantViolation); // without a caller's id, the server makes one
        Assert.Equal(generated.Response.Headers.GetValues("X-Correlation-Id").Single(), generated.Json.GetProperty("correlationId").GetString());
    }

    [Fact]
    public async Task The_API_answers_reads_and_actions_on_another_dealerships_deal_with_403()
    {
        var demo = await Db.DemoAsync();
        DealResult southDeal;
        await using (var south = Db.CreateScope(demo.South.DealershipId, demo.South.Sales1Id))
            southDeal = await south.Get<DealService>().CreateAsync(new CreateDealRequest { CustomerData = DealKit.NewCustomer("Hidden") });
        using var client = await ApiKit.ClientAsync(fixture.App, "manager@northside.test");
        var before = await DbSnapshot.TakeAsync(Db);

        ApiKit.AssertError(await ApiKit.GetAsync(client, $"/api/deals/{southDeal.Deal.Id}"), 403, ErrorCodes.MultiTenantViolation);
        ApiKit.AssertError(await ApiKit.PostAsync(client, $"/api/deals/{southDeal.Deal.Id}/cancel", null), 403, ErrorCodes.MultiTenantViolation);
        ApiKit.AssertError(await ApiKit.GetAsync(client, $"/api/deals/{Guid.NewGuid()}"), 404, ErrorCodes.ResourceNotFound);

        await before.AssertUnchangedAsync(Db);
    }
}
