using System.Text.Json;
using System.Text.RegularExpressions;
using DealDesk.Data.Deals;
using DealDesk.Data.Errors;
using DealDesk.Data.Pricing;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Deals;

/// <summary>DealService.CreateAsync against real PostgreSQL: what one successful creation writes, and who may create for whom.</summary>
public sealed partial class DealCreationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    [GeneratedRegex(@"^\d{4}-\d{4}-\d{4}$")]
    private static partial Regex DealNumberFormat();

    async Task<DealResult> CreateAsync(DemoTenant tenant, Guid userId, CreateDealRequest request, bool manager = false)
    {
        await using var scope = Db.CreateScope(tenant.DealershipId, userId);
        if (manager) scope.AsManager();
        return await scope.Get<DealService>().CreateAsync(request);
    }

    [Fact]
    public async Task Creates_a_deal_for_an_existing_customer_without_adding_a_customer()
    {
        var demo = await Db.DemoAsync();
        var customerId = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[0];
        var vehicleId = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var customersBefore = await DealKit.CountAsync(Db, "SELECT count(*) FROM customers");

        var result = await CreateAsync(demo.North, demo.North.Sales1Id, DealKit.Request(customerId, vehicleId));

        Assert.Equal(customerId, result.Customer.Id);
        Assert.Equal(customerId, result.Deal.CustomerId);
        Assert.Equal(customersBefore, await DealKit.CountAsync(Db, "SELECT count(*) FROM customers"));
        Assert.Equal(await Db.ScalarAsync<string>("SELECT first_name FROM customers WHERE id = $1", customerId), result.Customer.FirstName);
        Assert.Equal(DealState.Draft, result.Deal.DealState);
        Assert.Equal(demo.North.Sales1Id, result.Deal.SalespersonId);
        Assert.Equal(1, await DealKit.CountAsync(Db,
            "SELECT count(*) FROM deals WHERE id = $1 AND dealership_id = $2 AND customer_id = $3 AND vehicle_id = $4 AND state = 'DRAFT' AND salesperson_id = $5 AND created_by = $5",
            result.Deal.Id, demo.North.DealershipId, customerId, vehicleId, demo.North.Sales1Id));
        await DealKit.AssertInvariantsAsync(Db);
    }

    [Fact]
    public async Task Creates_the_new_customer_with_trimmed_names()
    {
        var demo = await Db.DemoAsync();
        var customersBefore = await DealKit.CountAsync(Db, "SELECT count(*) FROM customers WHERE dealership_id = $1", demo.North.DealershipId);

        var result = await CreateAsync(demo.North, demo.North.Sales1Id, new CreateDealRequest
        {
            CustomerData = new NewCustomerData { FirstName = "  Mira ", LastName = "\tOkafor-Baptiste  ", Email = "mira.ob@example.com", Phone = "(555) 201-3344" },
        });

        Assert.Equal(customersBefore + 1, await DealKit.CountAsync(Db, "SELECT count(*) FROM customers WHERE dealership_id = $1", demo.North.DealershipId));
        await using var c = await Db.OpenSuperuserAsync();
        var row = (await Sql.ListAsync(c, "SELECT first_name, last_name, email, phone, dealership_id FROM customers WHERE id = $1",
            r => (First: r.GetString(0), Last: r.GetString(1), Email: r.GetString(2), Phone: r.GetString(3), Dealership: r.GetGuid(4)), result.Customer.Id)).Single();
        Assert.Equal(("Mira", "Okafor-Baptiste", "mira.ob@example.com", "+15552013344", demo.North.DealershipId), row); // phones are stored as E.164
        Assert.Equal(result.Customer.Id, result.Deal.CustomerId);
        Assert.Equal("Mira Okafor-Baptiste", result.Customer.FullName);
    }

    [Fact]
    public async Task Pasted_email_and_phone_with_surrounding_spaces_are_stored_trimmed_like_the_names()
    {
        // DealParts.ResolveCustomerAsync trims email and phone, so padded input is meant to be accepted.
        var demo = await Db.DemoAsync();

        var result = await CreateAsync(demo.North, demo.North.Sales1Id, new CreateDealRequest
        {
            CustomerData = new NewCustomerData { FirstName = "Theo", LastName = "Padded", Email = " theo.padded@example.com ", Phone = " (555) 777-1234 " },
        });

        Assert.Equal("theo.padded@example.com", await Db.ScalarAsync<string>("SELECT email FROM customers WHERE id = $1", result.Customer.Id));
        Assert.Equal("+15557771234", await Db.ScalarAsync<string>("SELECT phone FROM customers WHERE id = $1", result.Customer.Id));
    }

    [Fact]
    public async Task Blank_desking_creates_a_deal_without_a_vehicle_priced_from_the_input_or_zero()
    {
        var demo = await Db.DemoAsync();
        var customerId = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[1];
        var vehiclesBefore = await DealKit.CountAsync(Db, "SELECT count(*) FROM vehicles WHERE status <> 'available'");

        var priced = await CreateAsync(demo.North, demo.North.Sales1Id, DealKit.Request(customerId, scenario: new ScenarioInput { Price = 18_500m }));
        var unpriced = await CreateAsync(demo.North, demo.North.Sales1Id, DealKit.Request(customerId));

        Assert.Null(priced.Deal.VehicleId);
        Assert.Null(priced.Vehicle);
        Assert.Equal(18_500m, priced.Scenario.Price);
        Assert.True(priced.Scenario.MonthlyPayment > 0);
        Assert.Null(unpriced.Deal.VehicleId);
        Assert.Equal(0m, unpriced.Scenario.Price);
        Assert.Equal(0m, await Db.ScalarAsync<decimal>("SELECT price FROM pricing_scenarios WHERE id = $1", unpriced.Scenario.Id));
        Assert.Equal(2, await DealKit.CountAsync(Db, "SELECT count(*) FROM deals WHERE id = ANY($1) AND vehicle_id IS NULL", new[] { priced.Deal.Id, unpriced.Deal.Id }));
        Assert.Equal(vehiclesBefore, await DealKit.CountAsync(Db, "SELECT count(*) FROM vehicles WHERE status <> 'available'"));
        await DealKit.AssertInvariantsAsync(Db);
    }

    [Fact]
    public async Task A_vehicle_goes_pending_and_the_first_scenario_takes_its_price_and_the_dealerships_defaults()
    {
        var demo = await Db.DemoAsync();
        var customerId = (await DealKit.CustomersAsync(Db, demo.South.DealershipId))[0];
        var vehicleId = await DealKit.AddVehicleAsync(Db, demo.South.DealershipId, price: 34_780.50m);

        var result = await CreateAsync(demo.South, demo.South.Sales2Id, DealKit.Request(customerId, vehicleId));

        Assert.Equal("pending", await DealKit.VehicleStatusAsync(Db, vehicleId));
        Assert.Equal("pending", result.Vehicle!.Status);
        Assert.Equal(vehicleId, result.Deal.VehicleId);
        await using var c = await Db.OpenSuperuserAsync();
        var (taxRate, docFee, apr) = (await Sql.ListAsync(c, "SELECT default_tax_rate, doc_fee, default_apr FROM dealerships WHERE id = $1",
            r => (r.GetDecimal(0), r.GetDecimal(1), r.GetDecimal(2)), demo.South.DealershipId)).Single();
        Assert.Equal((0.06m, 389m, 7.4m), (taxRate, docFee, apr)); // the demo's Southside settings, so the defaults are not zeros by accident

        var s = result.Scenario;
        Assert.Equal(34_780.50m, s.Price);
        Assert.Equal(60, s.TermMonths);
        Assert.Equal(apr, s.Apr);
        Assert.Equal(taxRate, s.TaxRate);
        Assert.Equal(docFee, s.Fees);
        Assert.Equal((0m, 0m, 0m), (s.DownPayment, s.TradeInValue, s.TradeInPayoff));
        Assert.Equal(ScenarioKind.Finance, s.Kind);
        var expected = PaymentCalculator.Finance(34_780.50m, 0, 0, 0, taxRate, docFee, 60, apr);
        Assert.True(s.MonthlyPayment > 0);
        Assert.Equal(expected.MonthlyPayment, s.MonthlyPayment);
        Assert.Equal(expected.AmountFinanced, s.AmountFinanced);
        Assert.Equal(34_780.50m + 2_086.83m + 389m, s.AmountFinanced); // tax = 6 % of the price, rounded to cents

        var stored = (await Sql.ListAsync(c,
            "SELECT price, term_months, apr, tax_rate, fees, amount_financed, monthly_payment, deal_id FROM pricing_scenarios WHERE id = $1",
            r => (r.GetDecimal(0), r.GetInt32(1), r.GetDecimal(2), r.GetDecimal(3), r.GetDecimal(4), r.GetDecimal(5), r.GetDecimal(6), r.GetGuid(7)), s.Id)).Single();
        Assert.Equal((s.Price, s.TermMonths, s.Apr, s.TaxRate, s.Fees, s.AmountFinanced, s.MonthlyPayment, result.Deal.Id), stored);
        await DealKit.AssertInvariantsAsync(Db);
    }

    [Fact]
    public async Task Explicit_scenario_input_is_honoured()
    {
        var demo = await Db.DemoAsync();
        var customerId = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[2];
        var vehicleId = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId, price: 40_000m);
        var input = new ScenarioInput { Price = 37_900m, DownPayment = 3_000m, TradeInValue = 5_000m, TradeInPayoff = 2_250.75m, TermMonths = 72, Apr = 4.25m };

        var result = await CreateAsync(demo.North, demo.North.Sales1Id, DealKit.Request(customerId, vehicleId, input));

        var s = result.Scenario;
        Assert.Equal((37_900m, 3_000m, 5_000m, 2_250.75m, 72, 4.25m), (s.Price, s.DownPayment, s.TradeInValue, s.TradeInPayoff, s.TermMonths, s.Apr));
        var expected = PaymentCalculator.Finance(37_900m, 3_000m, 5_000m, 2_250.75m, 0.0725m, 499m, 72, 4.25m);
        Assert.Equal(expected.MonthlyPayment, s.MonthlyPayment);
        Assert.Equal(expected.AmountFinanced, s.AmountFinanced);
        Assert.Equal(1, await DealKit.CountAsync(Db,
            "SELECT count(*) FROM pricing_scenarios WHERE id = $1 AND price = 37900 AND down_payment = 3000 AND trade_in_value = 5000 AND trade_in_payoff = 2250.75 AND term_months = 72 AND apr = 4.25",
            s.Id));
        Assert.Equal("pending", await DealKit.VehicleStatusAsync(Db, vehicleId)); // a negotiated price still reserves the vehicle
    }

    [Fact]
    public async Task The_deal_number_is_the_dealerships_local_date_and_a_per_day_sequence()
    {
        // 04:30 UTC on 15 March 2031: 23:30 on the 14th in Chicago (Northside), 00:30 on the 15th in New York (Southside).
        var demo = await Db.DemoAsync();
        await using var host = DealHost.Create(Db, new DateTimeOffset(2031, 3, 15, 4, 30, 0, TimeSpan.Zero));
        async Task<string> NumberAsync(DemoTenant t)
        {
            await using var scope = host.Scope(t.DealershipId, t.Sales1Id);
            return (await scope.Get<DealService>().CreateAsync(new CreateDealRequest { CustomerData = DealKit.NewCustomer("Number") })).Deal.DealNumber;
        }

        var north = new[] { await NumberAsync(demo.North), await NumberAsync(demo.North), await NumberAsync(demo.North) };
        var south = await NumberAsync(demo.South);
        host.Clock.Now = new DateTimeOffset(2031, 3, 15, 5, 0, 1, TimeSpan.Zero); // 00:00:01 on the 15th in Chicago
        var northNextDay = await NumberAsync(demo.North);

        Assert.All(north.Append(south).Append(northNextDay), n => Assert.Matches(DealNumberFormat(), n));
        Assert.Equal(["2031-0314-0001", "2031-0314-0002", "2031-0314-0003"], north);
        Assert.Equal("2031-0315-0001", south);
        Assert.Equal("2031-0315-0001", northNextDay);
        Assert.Equal(3, await DealKit.CounterAsync(Db, demo.North.DealershipId, new DateOnly(2031, 3, 14)));
        Assert.Equal(1, await DealKit.CounterAsync(Db, demo.North.DealershipId, new DateOnly(2031, 3, 15)));
        Assert.Equal(1, await DealKit.CounterAsync(Db, demo.South.DealershipId, new DateOnly(2031, 3, 15)));
        await DealKit.AssertInvariantsAsync(Db);
    }

    [Fact]
    public async Task With_the_system_clock_the_number_carries_todays_date_in_the_dealerships_time_zone()
    {
        var demo = await Db.DemoAsync();
        var zone = TimeZoneInfo.FindSystemTimeZoneById("America/Chicago");
        string Today() => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, zone).ToString("yyyy-MMdd");
        var before = Today();

        var result = await CreateAsync(demo.North, demo.North.Sales1Id, new CreateDealRequest { CustomerData = DealKit.NewCustomer("Clock") });

        var after = Today(); // differs from before only if local midnight passed during the call
        Assert.Matches(DealNumberFormat(), result.Deal.DealNumber);
        Assert.Contains(result.Deal.DealNumber[..9], new[] { before, after });
    }

    [Fact]
    public async Task The_active_scenario_is_set_and_belongs_to_the_deal()
    {
        var demo = await Db.DemoAsync();
        var customerId = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[3];

        var result = await CreateAsync(demo.North, demo.North.Sales2Id, DealKit.Request(customerId));

        Assert.Equal(result.Scenario.Id, result.Deal.ActiveScenarioId);
        Assert.Equal(result.Deal.Id, result.Scenario.DealId);
        Assert.Equal(result.Scenario.Id, await Db.ScalarAsync<Guid>("SELECT active_scenario_id FROM deals WHERE id = $1", result.Deal.Id));
        Assert.Equal(1, await DealKit.CountAsync(Db, "SELECT count(*) FROM pricing_scenarios WHERE deal_id = $1 AND dealership_id = $2", result.Deal.Id, demo.North.DealershipId));
        Assert.Equal("Scenario 1", result.Scenario.Name);
    }

    [Fact]
    public async Task Creation_is_audited_as_deal_created_with_the_deal_number()
    {
        var demo = await Db.DemoAsync();
        var customerId = (await DealKit.CustomersAsync(Db, demo.South.DealershipId))[4];
        var vehicleId = await DealKit.AddVehicleAsync(Db, demo.South.DealershipId);

        var result = await CreateAsync(demo.South, demo.South.Sales1Id, DealKit.Request(customerId, vehicleId));

        await using var c = await Db.OpenSuperuserAsync();
        var entries = await Sql.ListAsync(c, "SELECT action, entity_type, user_id, dealership_id, metadata::text FROM audit_log WHERE entity_id = $1",
            r => (Action: r.GetString(0), Type: r.GetString(1), User: r.GetGuid(2), Dealership: r.GetGuid(3), Metadata: r.GetString(4)), result.Deal.Id);
        var entry = Assert.Single(entries);
        Assert.Equal(("deal.created", "deal", demo.South.Sales1Id, demo.South.DealershipId), (entry.Action, entry.Type, entry.User, entry.Dealership));
        using var metadata = JsonDocument.Parse(entry.Metadata);
        Assert.Equal(result.Deal.DealNumber, metadata.RootElement.GetProperty("dealNumber").GetString());
        Assert.Equal(customerId, metadata.RootElement.GetProperty("customerId").GetGuid());
        Assert.Equal(vehicleId, metadata.RootElement.GetProperty("vehicleId").GetGuid());
        Assert.Equal(result.Scenario.Id, metadata.RootElement.GetProperty("scenarioId").GetGuid());
        Assert.False(metadata.RootElement.GetProperty("newCustomer").GetBoolean());
    }

    [Fact]
    public async Task A_manager_may_create_the_deal_for_another_salesperson_of_the_dealership()
    {
        var demo = await Db.DemoAsync();
        var customerId = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[5];

        var result = await CreateAsync(demo.North, demo.North.ManagerId,
            DealKit.Request(customerId) with { SalespersonId = demo.North.Sales2Id.ToString() }, manager: true);

        Assert.Equal(demo.North.Sales2Id, result.Deal.SalespersonId);
        Assert.Equal(1, await DealKit.CountAsync(Db, "SELECT count(*) FROM deals WHERE id = $1 AND salesperson_id = $2 AND created_by = $3",
            result.Deal.Id, demo.North.Sales2Id, demo.North.ManagerId));
        Assert.Equal(demo.North.Sales2Id.ToString(), await Db.ScalarAsync<string>(
            "SELECT metadata->>'salespersonId' FROM audit_log WHERE entity_id = $1 AND action = 'deal.created'", result.Deal.Id));
    }

    [Fact]
    public async Task A_salesperson_may_name_themselves()
    {
        var demo = await Db.DemoAsync();
        var customerId = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[6];

        var result = await CreateAsync(demo.North, demo.North.Sales1Id, DealKit.Request(customerId) with { SalespersonId = demo.North.Sales1Id.ToString() });

        Assert.Equal(demo.North.Sales1Id, result.Deal.SalespersonId);
    }

    [Fact]
    public async Task A_salesperson_naming_another_salesperson_is_forbidden_and_nothing_is_written()
    {
        var demo = await Db.DemoAsync();
        var customerId = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[7];
        var vehicleId = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var before = await DbSnapshot.TakeAsync(Db);

        await DealKit.FailsAsync(() => CreateAsync(demo.North, demo.North.Sales1Id,
            DealKit.Request(customerId, vehicleId) with { SalespersonId = demo.North.Sales2Id.ToString() }), ErrorCodes.Forbidden, 403);

        await before.AssertUnchangedAsync(Db);
        Assert.Equal("available", await DealKit.VehicleStatusAsync(Db, vehicleId));
    }

    [Fact]
    public async Task Naming_a_salesperson_of_the_other_dealership_is_a_multi_tenant_violation_even_for_a_manager()
    {
        var demo = await Db.DemoAsync();
        var customerId = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[8];
        var before = await DbSnapshot.TakeAsync(Db);

        foreach (var (user, manager) in new[] { (demo.North.Sales1Id, false), (demo.North.ManagerId, true) })
        {
            var error = await DealKit.FailsAsync(() => CreateAsync(demo.North, user,
                DealKit.Request(customerId) with { SalespersonId = demo.South.Sales1Id.ToString() }, manager), ErrorCodes.MultiTenantViolation, 403);
            Assert.Equal(ErrorSeverity.Error, error.Severity);
        }

        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task An_unknown_salesperson_is_not_found()
    {
        var demo = await Db.DemoAsync();
        var customerId = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[9];
        var unknown = Guid.NewGuid();
        var before = await DbSnapshot.TakeAsync(Db);

        var error = await DealKit.FailsAsync(() => CreateAsync(demo.North, demo.North.ManagerId,
            DealKit.Request(customerId) with { SalespersonId = unknown.ToString() }, manager: true), ErrorCodes.ResourceNotFound, 404);

        Assert.Equal(unknown, DealKit.Detail(error, "id"));
        await before.AssertUnchangedAsync(Db);
    }
}
