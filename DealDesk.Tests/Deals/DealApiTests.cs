using System.Net;
using System.Text;
using System.Text.Json;
using DealDesk.Data.Errors;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;

namespace DealDesk.Tests.Deals;

/// <summary>The deal JSON API through the real app (bearer tokens): documented shapes, status codes and the error contract.</summary>
public sealed class DealApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    TestDatabase Db => fixture.Db;

    Task<HttpClient> ClientAsync(string email = "sales1@northside.test") => ApiKit.ClientAsync(fixture.App, email);

    async Task<Guid> CreateDealAsync(HttpClient client, object body)
    {
        var reply = await ApiKit.PostAsync(client, "/api/deals", body);
        Assert.True(reply.Status == 201, reply.ToString());
        return reply.Data.GetProperty("deal").GetProperty("id").GetGuid();
    }

    [Fact]
    public async Task Creating_a_deal_answers_201_with_the_documented_shape_and_a_location()
    {
        var demo = await Db.DemoAsync();
        var customer = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[0];
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId, price: 28_800m);
        using var client = await ClientAsync();

        var reply = await ApiKit.PostAsync(client, "/api/deals", new { customerId = customer, vehicleId = vehicle, scenario = new { downPayment = 1000 } });

        Assert.True(reply.Status == 201, reply.ToString());
        Assert.Equal("application/json", reply.Response.Content.Headers.ContentType?.MediaType);
        Assert.True(reply.Json.GetProperty("success").GetBoolean());
        Assert.Equal("success", reply.Json.EnumerateObject().First().Name);
        var data = reply.Data;
        var deal = data.GetProperty("deal");
        var id = deal.GetProperty("id").GetGuid();
        Assert.Matches(@"^\d{4}-\d{4}-\d{4}$", deal.GetProperty("dealNumber").GetString());
        Assert.Equal("DRAFT", deal.GetProperty("dealState").GetString());
        Assert.Equal(data.GetProperty("scenario").GetProperty("id").GetGuid(), deal.GetProperty("activeScenarioId").GetGuid());
        Assert.Equal(customer, deal.GetProperty("customerId").GetGuid());
        Assert.Equal(vehicle, deal.GetProperty("vehicleId").GetGuid());
        Assert.Equal(demo.North.Sales1Id, deal.GetProperty("salespersonId").GetGuid());
        var scenario = data.GetProperty("scenario");
        Assert.Equal(28_800m, scenario.GetProperty("price").GetDecimal());
        Assert.Equal(1_000m, scenario.GetProperty("downPayment").GetDecimal());
        Assert.Equal(60, scenario.GetProperty("termMonths").GetInt32());
        Assert.True(scenario.GetProperty("monthlyPayment").GetDecimal() > 0);
        Assert.Equal(customer, data.GetProperty("customer").GetProperty("id").GetGuid());
        Assert.False(string.IsNullOrEmpty(data.GetProperty("customer").GetProperty("lastName").GetString()));
        Assert.Equal(vehicle, data.GetProperty("vehicle").GetProperty("id").GetGuid());
        Assert.Equal("pending", data.GetProperty("vehicle").GetProperty("status").GetString());
        Assert.Equal($"/api/deals/{id}", reply.Response.Headers.Location?.OriginalString);
        Assert.Equal("pending", await DealKit.VehicleStatusAsync(Db, vehicle));
    }

    [Fact]
    public async Task An_Idempotency_Key_replay_returns_the_same_deal_and_creates_no_second_one()
    {
        var demo = await Db.DemoAsync();
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        using var client = await ClientAsync();
        var body = new { customerData = new { firstName = "Rhea", lastName = "Replay", email = "rhea@example.com" }, vehicleId = vehicle };
        var key = "api-" + Guid.NewGuid().ToString("N");

        var first = await ApiKit.PostAsync(client, "/api/deals", body, idempotencyKey: key);
        var dealsAfterFirst = await DealKit.CountAsync(Db, "SELECT count(*) FROM deals");
        var customersAfterFirst = await DealKit.CountAsync(Db, "SELECT count(*) FROM customers");
        var replay = await ApiKit.PostAsync(client, "/api/deals", body, idempotencyKey: key);

        Assert.True(first.Status == 201, first.ToString());
        Assert.True(replay.Status is 200 or 201, replay.ToString());
        var id = first.Data.GetProperty("deal").GetProperty("id").GetGuid();
        Assert.Equal(id, replay.Data.GetProperty("deal").GetProperty("id").GetGuid());
        Assert.Equal(first.Data.GetProperty("deal").GetProperty("dealNumber").GetString(), replay.Data.GetProperty("deal").GetProperty("dealNumber").GetString());
        Assert.Equal(dealsAfterFirst, await DealKit.CountAsync(Db, "SELECT count(*) FROM deals"));
        Assert.Equal(customersAfterFirst, await DealKit.CountAsync(Db, "SELECT count(*) FROM customers"));

        var reused = await ApiKit.PostAsync(client, "/api/deals", new { customerData = new { firstName = "Other", lastName = "Body" } }, idempotencyKey: key);
        ApiKit.AssertError(reused, 422, ErrorCodes.IdempotencyKeyReused);
        Assert.Equal(id, reused.Json.GetProperty("details").GetProperty("dealId").GetGuid());
    }

    [Fact]
    public async Task A_validation_failure_is_a_400_with_the_fields_and_writes_nothing()
    {
        using var client = await ClientAsync();
        var before = await DbSnapshot.TakeAsync(Db);

        var reply = await ApiKit.PostAsync(client, "/api/deals",
            new { customerData = new { firstName = "", lastName = "Nameless", email = "bad" }, scenario = new { termMonths = 120, apr = -1 } });

        ApiKit.AssertError(reply, 400, ErrorCodes.ValidationFailed);
        var fields = reply.Json.GetProperty("details").GetProperty("fields");
        Assert.Equal(["customerData.email", "customerData.firstName", "scenario.apr", "scenario.termMonths"],
            fields.EnumerateObject().Select(p => p.Name).Order(StringComparer.Ordinal));
        Assert.All(fields.EnumerateObject(), p => Assert.Equal(JsonValueKind.Array, p.Value.ValueKind));
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task Without_credentials_the_API_answers_401_in_the_JSON_contract()
    {
        using var anonymous = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var before = await DbSnapshot.TakeAsync(Db);

        var post = await ApiKit.PostAsync(anonymous, "/api/deals", new { customerData = new { firstName = "No", lastName = "Body" } });
        var get = await ApiKit.GetAsync(anonymous, "/api/deals");

        ApiKit.AssertError(post, 401, ErrorCodes.Unauthorized);
        ApiKit.AssertError(get, 401, ErrorCodes.Unauthorized);
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task A_malformed_JSON_body_is_a_400_JSON_error_without_a_stack_trace()
    {
        using var client = await ClientAsync();
        var before = await DbSnapshot.TakeAsync(Db);

        var reply = await ApiKit.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "/api/deals")
        {
            Content = new StringContent("{\"customerId\": \"abc\", ", Encoding.UTF8, "application/json"),
        });
        var wrongType = await ApiKit.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "/api/deals")
        {
            Content = new StringContent("{\"scenario\": {\"termMonths\": \"sixty\"}}", Encoding.UTF8, "application/json"),
        });

        ApiKit.AssertError(reply, 400, ErrorCodes.ValidationFailed);
        ApiKit.AssertError(wrongType, 400, ErrorCodes.ValidationFailed);
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task Listing_filters_by_state_and_search_text()
    {
        var marker = "Zyx" + Guid.NewGuid().ToString("N")[..6];
        using var client = await ClientAsync();
        var draft = await CreateDealAsync(client, new { customerData = new { firstName = "Filter", lastName = marker } });
        var cancelled = await CreateDealAsync(client, new { customerData = new { firstName = "Filter", lastName = marker } });
        Assert.Equal(200, (await ApiKit.PostAsync(client, $"/api/deals/{cancelled}/cancel", null)).Status);
        await CreateDealAsync(client, new { customerData = new { firstName = "Someone", lastName = "Else" } });

        var drafts = await ApiKit.GetAsync(client, $"/api/deals?state=DRAFT&q={marker}");
        var cancels = await ApiKit.GetAsync(client, $"/api/deals?state=CANCELLED&q={marker.ToLowerInvariant()}");
        var all = await ApiKit.GetAsync(client, $"/api/deals?q=Filter%20{marker}");

        Assert.Equal(200, drafts.Status);
        Assert.Equal([draft], drafts.Data.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()));
        Assert.Equal(1, drafts.Data.GetProperty("total").GetInt32());
        var item = drafts.Data.GetProperty("items")[0];
        Assert.Equal("DRAFT", item.GetProperty("state").GetString());
        Assert.Equal($"Filter {marker}", item.GetProperty("customerName").GetString());
        Assert.Equal([cancelled], cancels.Data.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()));
        Assert.Equal(new[] { draft, cancelled }.Order(), all.Data.GetProperty("items").EnumerateArray().Select(d => d.GetProperty("id").GetGuid()).Order());
    }

    [Fact]
    public async Task Getting_a_deal_returns_its_details_and_history()
    {
        var demo = await Db.DemoAsync();
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        using var client = await ClientAsync("sales2@northside.test");
        var id = await CreateDealAsync(client, new { customerData = new { firstName = "Detail", lastName = "Seeker" }, vehicleId = vehicle });

        var reply = await ApiKit.GetAsync(client, $"/api/deals/{id}");

        Assert.True(reply.Status == 200, reply.ToString());
        var data = reply.Data;
        Assert.Equal(id, data.GetProperty("deal").GetProperty("id").GetGuid());
        Assert.Equal("Seeker", data.GetProperty("customer").GetProperty("lastName").GetString());
        Assert.Equal(vehicle, data.GetProperty("vehicle").GetProperty("id").GetGuid());
        Assert.False(string.IsNullOrWhiteSpace(data.GetProperty("salespersonName").GetString()));
        Assert.Equal(1, data.GetProperty("scenarios").GetArrayLength());
        Assert.Equal("deal.created", data.GetProperty("history")[0].GetProperty("action").GetString());
    }

    [Fact]
    public async Task Vehicles_can_be_listed_by_status_and_customers_searched()
    {
        var demo = await Db.DemoAsync();
        using var client = await ClientAsync();
        var pending = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        await CreateDealAsync(client, new { customerData = new { firstName = "Hold", lastName = "Vehicle" }, vehicleId = pending });

        var available = await ApiKit.GetAsync(client, "/api/vehicles?status=available");
        var customers = await ApiKit.GetAsync(client, "/api/customers?q=Hold%20Vehicle");

        Assert.True(available.Status == 200, available.ToString());
        var items = available.Data.GetProperty("items").EnumerateArray().ToList();
        Assert.NotEmpty(items);
        Assert.All(items, v => Assert.Equal("available", v.GetProperty("status").GetString()));
        Assert.DoesNotContain(items, v => v.GetProperty("id").GetGuid() == pending);
        Assert.Equal(await DealKit.CountAsync(Db, "SELECT count(*) FROM vehicles WHERE dealership_id = $1 AND status = 'available'", demo.North.DealershipId),
            available.Data.GetProperty("total").GetInt64());
        Assert.All(items, v => Assert.Equal(demo.North.DealershipId, v.GetProperty("dealershipId").GetGuid()));
        var found = Assert.Single(customers.Data.EnumerateArray());
        Assert.Equal(("Hold", "Vehicle"), (found.GetProperty("firstName").GetString(), found.GetProperty("lastName").GetString()));
    }

    [Fact]
    public async Task Cancel_deliver_vehicle_and_customer_actions_answer_200_with_the_deal()
    {
        var demo = await Db.DemoAsync();
        var first = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var second = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        var otherCustomer = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[3];
        using var client = await ClientAsync();
        var blank = await CreateDealAsync(client, new { customerData = new { firstName = "Act", lastName = "One" } });
        var toCancel = await CreateDealAsync(client, new { customerData = new { firstName = "Act", lastName = "Two" } });

        var attached = await ApiKit.PostAsync(client, $"/api/deals/{blank}/vehicle", new { vehicleId = first });
        var swapped = await ApiKit.PostAsync(client, $"/api/deals/{blank}/vehicle", new { vehicleId = second });
        var customer = await ApiKit.PostAsync(client, $"/api/deals/{blank}/customer", new { customerId = otherCustomer });
        var delivered = await ApiKit.PostAsync(client, $"/api/deals/{blank}/deliver", null);
        var cancelled = await ApiKit.PostAsync(client, $"/api/deals/{toCancel}/cancel", null);
        var again = await ApiKit.PostAsync(client, $"/api/deals/{toCancel}/cancel", null);

        foreach (var r in new[] { attached, swapped, customer, delivered, cancelled }) Assert.True(r.Status == 200, r.ToString());
        Assert.Equal(first, attached.Data.GetProperty("vehicle").GetProperty("id").GetGuid());
        Assert.Equal("pending", swapped.Data.GetProperty("vehicle").GetProperty("status").GetString());
        Assert.Equal(otherCustomer, customer.Data.GetProperty("customer").GetProperty("id").GetGuid());
        Assert.Equal("DELIVERED", delivered.Data.GetProperty("deal").GetProperty("dealState").GetString());
        Assert.Equal("sold", delivered.Data.GetProperty("vehicle").GetProperty("status").GetString());
        Assert.Equal("CANCELLED", cancelled.Data.GetProperty("deal").GetProperty("dealState").GetString());
        ApiKit.AssertError(again, 409, ErrorCodes.DealStateInvalid);
        Assert.Equal(("available", "sold"), (await DealKit.VehicleStatusAsync(Db, first), await DealKit.VehicleStatusAsync(Db, second)));
        await DealKit.AssertInvariantsAsync(Db);
    }

    [Fact]
    public async Task An_unavailable_vehicle_is_a_409_naming_it()
    {
        var demo = await Db.DemoAsync();
        var vehicle = await DealKit.AddVehicleAsync(Db, demo.North.DealershipId);
        using var client = await ClientAsync();
        await CreateDealAsync(client, new { customerData = new { firstName = "First", lastName = "Come" }, vehicleId = vehicle });

        var reply = await ApiKit.PostAsync(client, "/api/deals", new { customerData = new { firstName = "Second", lastName = "Served" }, vehicleId = vehicle });

        ApiKit.AssertError(reply, 409, ErrorCodes.VehicleNotAvailable);
        Assert.Equal(vehicle, reply.Json.GetProperty("details").GetProperty("vehicleId").GetGuid());
    }
}
