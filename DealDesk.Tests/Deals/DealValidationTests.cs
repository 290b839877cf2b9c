using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Deals;

/// <summary>
/// Every input rule of deal creation: VALIDATION_FAILED naming the field, and nothing written. Each bad
/// request is otherwise valid (a real customer, an available vehicle), so a missing rule would create a deal.
/// </summary>
public sealed class DealValidationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    sealed record Valid(Guid CustomerId, Guid VehicleId);

    static CreateDealRequest Build(string name, Valid v)
    {
        var existing = DealKit.Request(v.CustomerId, v.VehicleId);
        var fresh = new CreateDealRequest { CustomerData = DealKit.NewCustomer(), VehicleId = v.VehicleId.ToString() };
        return name switch
        {
            "both customers" => existing with { CustomerData = DealKit.NewCustomer() },
            "no customer" => existing with { CustomerId = null },
            "empty first name" => fresh with { CustomerData = fresh.CustomerData! with { FirstName = "" } },
            "blank first name" => fresh with { CustomerData = fresh.CustomerData! with { FirstName = "   " } },
            "missing first name" => fresh with { CustomerData = fresh.CustomerData! with { FirstName = null } },
            "empty last name" => fresh with { CustomerData = fresh.CustomerData! with { LastName = "" } },
            "blank last name" => fresh with { CustomerData = fresh.CustomerData! with { LastName = " \t " } },
            "long last name" => fresh with { CustomerData = fresh.CustomerData! with { LastName = new string('x', 81) } },
            "bad email" => fresh with { CustomerData = fresh.CustomerData! with { Email = "mira.example.com" } },
            "email without domain dot" => fresh with { CustomerData = fresh.CustomerData! with { Email = "mira@example" } },
            "bad phone" => fresh with { CustomerData = fresh.CustomerData! with { Phone = "call me" } },
            "phone too short" => fresh with { CustomerData = fresh.CustomerData! with { Phone = "(555) 201-334" } },
            "malformed customerId" => existing with { CustomerId = "not-a-guid" },
            "malformed vehicleId" => existing with { VehicleId = "12345" },
            "malformed salespersonId" => existing with { SalespersonId = "manager" },
            "malformed dealershipId" => existing with { DealershipId = "northside" },
            "negative price" => existing with { Scenario = new ScenarioInput { Price = -0.01m } },
            "negative down payment" => existing with { Scenario = new ScenarioInput { DownPayment = -1m } },
            "term 11" => existing with { Scenario = new ScenarioInput { TermMonths = 11 } },
            "term 97" => existing with { Scenario = new ScenarioInput { TermMonths = 97 } },
            "apr -0.1" => existing with { Scenario = new ScenarioInput { Apr = -0.1m } },
            "apr 30.1" => existing with { Scenario = new ScenarioInput { Apr = 30.1m } },
            _ => throw new ArgumentOutOfRangeException(nameof(name), name, null),
        };
    }

    async Task<Valid> ValidPartsAsync()
    {
        var demo = await Db.DemoAsync();
        return new Valid((await DealKit.CustomersAsync(Db, demo.North.DealershipId))[0], await DealKit.AddVehicleAsync(Db, demo.North.DealershipId));
    }

    [Theory]
    [InlineData("both customers", "customer")]
    [InlineData("no customer", "customer")]
    [InlineData("empty first name", "customerData.firstName")]
    [InlineData("blank first name", "customerData.firstName")]
    [InlineData("missing first name", "customerData.firstName")]
    [InlineData("empty last name", "customerData.lastName")]
    [InlineData("blank last name", "customerData.lastName")]
    [InlineData("long last name", "customerData.lastName")]
    [InlineData("bad email", "customerData.email")]
    [InlineData("email without domain dot", "customerData.email")]
    [InlineData("bad phone", "customerData.phone")]
    [InlineData("phone too short", "customerData.phone")]
    [InlineData("malformed customerId", "customerId")]
    [InlineData("malformed vehicleId", "vehicleId")]
    [InlineData("malformed salespersonId", "salespersonId")]
    [InlineData("malformed dealershipId", "dealershipId")]
    [InlineData("negative price", "scenario.price")]
    [InlineData("negative down payment", "scenario.downPayment")]
    [InlineData("term 11", "scenario.termMonths")]
    [InlineData("term 97", "scenario.termMonths")]
    [InlineData("apr -0.1", "scenario.apr")]
    [InlineData("apr 30.1", "scenario.apr")]
    public async Task An_invalid_request_fails_validation_naming_the_field_and_writes_nothing(string invalid, string field)
    {
        var demo = await Db.DemoAsync();
        var request = Build(invalid, await ValidPartsAsync());
        var before = await DbSnapshot.TakeAsync(Db);
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id);

        var error = await DealKit.FailsAsync(() => scope.Get<DealService>().CreateAsync(request), ErrorCodes.ValidationFailed, 400);

        var fields = DealKit.Fields(error);
        Assert.True(fields.ContainsKey(field), $"Expected field '{field}', got: {string.Join(", ", fields.Keys)}");
        Assert.Single(fields); // only the broken field is blamed
        Assert.All(fields[field], m => Assert.False(string.IsNullOrWhiteSpace(m)));
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task The_customer_error_says_what_is_missing_or_that_both_were_given()
    {
        var demo = await Db.DemoAsync();
        var parts = await ValidPartsAsync();
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id);
        var changes = new ChangeCustomerValidator();

        var neither = await DealKit.FailsAsync(() => scope.Get<DealService>().CreateAsync(Build("no customer", parts)), ErrorCodes.ValidationFailed, 400);
        var both = await DealKit.FailsAsync(() => scope.Get<DealService>().CreateAsync(Build("both customers", parts)), ErrorCodes.ValidationFailed, 400);

        const string missing = "Choose an existing customer or enter the new customer's first and last name.";
        const string twice = "Choose an existing customer or enter a new one, not both.";
        Assert.Equal([missing], DealKit.Fields(neither)["customer"]);
        Assert.Equal([twice], DealKit.Fields(both)["customer"]);
        Assert.Equal([missing], changes.Validate(new ChangeCustomerRequest()).Errors.Where(e => e.PropertyName == "customer").Select(e => e.ErrorMessage));
        Assert.Equal([twice], changes.Validate(new ChangeCustomerRequest { CustomerId = parts.CustomerId.ToString(), CustomerData = DealKit.NewCustomer() })
            .Errors.Where(e => e.PropertyName == "customer").Select(e => e.ErrorMessage));
    }

    [Fact]
    public async Task Several_broken_fields_are_reported_together()
    {
        var demo = await Db.DemoAsync();
        var before = await DbSnapshot.TakeAsync(Db);
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id);

        var error = await DealKit.FailsAsync(() => scope.Get<DealService>().CreateAsync(new CreateDealRequest
        {
            CustomerData = new NewCustomerData { FirstName = "", LastName = "", Email = "x", Phone = "1" },
            VehicleId = "v",
            Scenario = new ScenarioInput { TermMonths = 0, Apr = 99 },
        }), ErrorCodes.ValidationFailed, 400);

        Assert.Equal(
            new[] { "customerData.email", "customerData.firstName", "customerData.lastName", "customerData.phone", "scenario.apr", "scenario.termMonths", "vehicleId" },
            DealKit.Fields(error).Keys.Order(StringComparer.Ordinal).ToArray());
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task An_idempotency_key_over_100_characters_is_a_validation_error()
    {
        var demo = await Db.DemoAsync();
        var request = Build("both customers", await ValidPartsAsync()) with { CustomerData = null };
        var before = await DbSnapshot.TakeAsync(Db);
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id);

        var error = await DealKit.FailsAsync(() => scope.Get<DealService>().CreateAsync(request, new string('k', 101)), ErrorCodes.ValidationFailed, 400);

        Assert.Equal(["idempotencyKey"], DealKit.Fields(error).Keys);
        await before.AssertUnchangedAsync(Db);
    }

    [Theory]
    [InlineData(12, 0.0, 0.0)]
    [InlineData(96, 30.0, 0.0)]
    public async Task The_boundaries_of_the_ranges_are_accepted(int term, double apr, double price)
    {
        var demo = await Db.DemoAsync();
        var parts = await ValidPartsAsync();
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id);

        var result = await scope.Get<DealService>().CreateAsync(DealKit.Request(parts.CustomerId, parts.VehicleId,
            new ScenarioInput { TermMonths = term, Apr = (decimal)apr, Price = (decimal)price, DownPayment = 0m }));

        Assert.Equal((term, (decimal)apr, (decimal)price), (result.Scenario.TermMonths, result.Scenario.Apr, result.Scenario.Price));
    }
}
