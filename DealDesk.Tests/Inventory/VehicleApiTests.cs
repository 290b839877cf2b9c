using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using DealDesk.Data.Errors;
using DealDesk.Data.Inventory;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Inventory.Support;

namespace DealDesk.Tests.Inventory;

/// <summary>
/// /api/vehicles through the real app: salesperson vs manager vs another dealership on every endpoint, the camelCase
/// shape, and the error contract (never a 500 for client input).
/// </summary>
public sealed class VehicleApiTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    const string Manager = "manager@northside.test";
    const string Sales = "sales1@northside.test";
    const string SouthManager = "manager@southside.test";

    Task<HttpClient> ClientAsync(string email) => ApiKit.ClientAsync(fixture.App, email);

    static Task<ApiKit.Reply> PutAsync(HttpClient client, string url, object body) =>
        ApiKit.SendAsync(client, new HttpRequestMessage(HttpMethod.Put, url) { Content = JsonContent.Create(body) });

    static Task<ApiKit.Reply> PostCsvAsync(HttpClient client, byte[] csv, string mediaType = "text/csv")
    {
        var content = new ByteArrayContent(csv);
        content.Headers.ContentType = new MediaTypeHeaderValue(mediaType);
        return ApiKit.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "/api/vehicles/import") { Content = content });
    }

    static object Body(VehicleInput v) => new
    {
        vin = v.Vin, stockNumber = v.StockNumber, year = v.Year, make = v.Make, model = v.Model, trim = v.Trim, price = v.Price,
        mileage = v.Mileage, exteriorColor = v.ExteriorColor, interiorColor = v.InteriorColor, bodyStyle = v.BodyStyle,
        condition = v.Condition, cost = v.Cost,
    };

    [Fact]
    public async Task A_manager_creates_and_updates_a_vehicle_with_the_documented_fields()
    {
        using var client = await ClientAsync(Manager);
        var input = VehicleKit.Input(price: 33_300m);

        var created = await ApiKit.PostAsync(client, "/api/vehicles", Body(input));

        Assert.True(created.Status == 201, created.ToString());
        var data = created.Data;
        var id = data.GetProperty("id").GetGuid();
        Assert.Equal($"/api/vehicles/{id}", created.Response.Headers.Location?.OriginalString);
        foreach (var field in new[] { "vin", "stockNumber", "year", "make", "model", "trim", "price", "status", "mileage", "exteriorColor",
                     "interiorColor", "bodyStyle", "condition", "cost", "receivedOn", "daysInStock" })
            Assert.True(data.TryGetProperty(field, out _), $"No {field} in {data}");
        Assert.Equal(24_100m, data.GetProperty("cost").GetDecimal());
        Assert.Equal("available", data.GetProperty("status").GetString());

        input.Price = 32_000m;
        input.ExteriorColor = "Blueprint Blue";
        var updated = await PutAsync(client, $"/api/vehicles/{id}", Body(input));
        Assert.True(updated.Status == 200, updated.ToString());
        Assert.Equal(32_000m, updated.Data.GetProperty("price").GetDecimal());

        var read = await ApiKit.GetAsync(client, $"/api/vehicles/{id}");
        Assert.Equal("Blueprint Blue", read.Data.GetProperty("exteriorColor").GetString());
    }

    [Fact]
    public async Task A_salesperson_reads_without_the_cost_and_every_write_is_refused()
    {
        using var manager = await ClientAsync(Manager);
        var input = VehicleKit.Input();
        var id = (await ApiKit.PostAsync(manager, "/api/vehicles", Body(input))).Data.GetProperty("id").GetGuid();
        using var sales = await ClientAsync(Sales);

        var one = await ApiKit.GetAsync(sales, $"/api/vehicles/{id}");
        Assert.True(one.Status == 200, one.ToString());
        Assert.False(one.Data.TryGetProperty("cost", out _));
        var list = await ApiKit.GetAsync(sales, "/api/vehicles?pageSize=100");
        Assert.All(list.Data.GetProperty("items").EnumerateArray(), v => Assert.False(v.TryGetProperty("cost", out _)));

        ApiKit.AssertError(await ApiKit.PostAsync(sales, "/api/vehicles", Body(VehicleKit.Input())), 403, ErrorCodes.Forbidden);
        ApiKit.AssertError(await PutAsync(sales, $"/api/vehicles/{id}", Body(input)), 403, ErrorCodes.Forbidden);
        ApiKit.AssertError(await PostCsvAsync(sales, VehicleKit.Csv(VehicleKit.Inputs(1))), 403, ErrorCodes.Forbidden);
    }

    [Fact]
    public async Task Another_dealerships_manager_can_neither_read_nor_write_the_vehicle()
    {
        using var north = await ClientAsync(Manager);
        var input = VehicleKit.Input(price: 44_000m);
        var id = (await ApiKit.PostAsync(north, "/api/vehicles", Body(input))).Data.GetProperty("id").GetGuid();
        using var south = await ClientAsync(SouthManager);

        ApiKit.AssertError(await ApiKit.GetAsync(south, $"/api/vehicles/{id}"), 403, ErrorCodes.MultiTenantViolation);
        input.Price = 1m;
        ApiKit.AssertError(await PutAsync(south, $"/api/vehicles/{id}", Body(input)), 403, ErrorCodes.MultiTenantViolation);
        var list = await ApiKit.GetAsync(south, $"/api/vehicles?q={input.Vin}");
        Assert.Equal(0, list.Data.GetProperty("total").GetInt32());
        Assert.Equal(44_000m, (await ApiKit.GetAsync(north, $"/api/vehicles/{id}")).Data.GetProperty("price").GetDecimal());
    }

    [Fact]
    public async Task Signed_out_callers_get_401_on_every_vehicle_endpoint()
    {
        using var anonymous = fixture.App.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        var id = Guid.NewGuid();
        foreach (var (method, url) in new[] { ("GET", "/api/vehicles"), ("GET", $"/api/vehicles/{id}"), ("POST", "/api/vehicles"), ("PUT", $"/api/vehicles/{id}"), ("POST", "/api/vehicles/import") })
        {
            var reply = await ApiKit.SendAsync(anonymous, new HttpRequestMessage(new HttpMethod(method), url) { Content = JsonContent.Create(new { }) });
            Assert.True(reply.Status == 401, $"{method} {url}: {reply}");
        }
    }

    [Fact]
    public async Task Duplicates_and_bad_input_are_typed_4xx()
    {
        using var client = await ClientAsync(Manager);
        var input = VehicleKit.Input();
        await ApiKit.PostAsync(client, "/api/vehicles", Body(input));

        var duplicate = await ApiKit.PostAsync(client, "/api/vehicles", Body(VehicleKit.Input(vin: input.Vin)));
        ApiKit.AssertError(duplicate, 409, ErrorCodes.VinDuplicate);
        Assert.True(duplicate.Json.GetProperty("details").GetProperty("fields").TryGetProperty("vin", out _));

        var invalid = await ApiKit.PostAsync(client, "/api/vehicles", new { vin = "1HGCM82643A004352", price = -1 });
        ApiKit.AssertError(invalid, 400, ErrorCodes.ValidationFailed);
        var fields = invalid.Json.GetProperty("details").GetProperty("fields");
        foreach (var field in new[] { "vin", "price", "stockNumber", "make" }) Assert.True(fields.TryGetProperty(field, out _), field);

        var malformed = await ApiKit.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "/api/vehicles")
        { Content = new StringContent("{\"vin\": ", Encoding.UTF8, "application/json") });
        ApiKit.AssertError(malformed, 400, ErrorCodes.ValidationFailed);
        var wrongType = await ApiKit.PostAsync(client, "/api/vehicles", new { vin = input.Vin, price = "lots" });
        ApiKit.AssertError(wrongType, 400, ErrorCodes.ValidationFailed);
        ApiKit.AssertError(await PutAsync(client, $"/api/vehicles/{Guid.NewGuid()}", Body(VehicleKit.Input())), 404, ErrorCodes.ResourceNotFound);
    }

    [Fact]
    public async Task Import_takes_a_csv_body_or_a_multipart_file_and_reports_the_counts()
    {
        using var client = await ClientAsync(Manager);
        var csv = VehicleKit.Csv(VehicleKit.Inputs(5));

        var first = await PostCsvAsync(client, csv);
        Assert.True(first.Status == 200, first.ToString());
        Assert.Equal((5, 0, 0), (first.Data.GetProperty("inserted").GetInt32(), first.Data.GetProperty("updated").GetInt32(), first.Data.GetProperty("unchanged").GetInt32()));

        using var form = new MultipartFormDataContent();
        var file = new ByteArrayContent(csv);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "file", "inventory.csv");
        var again = await ApiKit.SendAsync(client, new HttpRequestMessage(HttpMethod.Post, "/api/vehicles/import") { Content = form });
        Assert.True(again.Status == 200, again.ToString());
        Assert.Equal(5, again.Data.GetProperty("unchanged").GetInt32());
    }

    [Fact]
    public async Task Import_refuses_bad_rows_large_files_and_other_media_types_with_typed_errors()
    {
        using var client = await ClientAsync(Manager);
        var rows = VehicleKit.Inputs(3);
        rows[1].Year = 1900;

        var bad = await PostCsvAsync(client, VehicleKit.Csv(rows));
        ApiKit.AssertError(bad, 400, ErrorCodes.ValidationFailed);
        var row = bad.Json.GetProperty("details").GetProperty("rows")[0];
        Assert.Equal(3, row.GetProperty("row").GetInt32());
        Assert.True(row.GetProperty("fields").TryGetProperty("year", out _));

        ApiKit.AssertError(await PostCsvAsync(client, new byte[VehicleImport.MaxBytes + 10]), 413, ErrorCodes.PayloadTooLarge);
        ApiKit.AssertError(await PostCsvAsync(client, VehicleKit.Csv(rows), "text/plain"), 415, ErrorCodes.UnsupportedMediaType);
    }

    [Fact]
    public async Task A_cookie_signed_in_form_upload_without_an_antiforgery_token_is_refused()
    {
        using var browser = await fixture.App.SignedInClientAsync(Manager);
        var rows = VehicleKit.Inputs(1);
        using var form = new MultipartFormDataContent { { new ByteArrayContent(VehicleKit.Csv(rows)), "file", "inventory.csv" } };

        var reply = await ApiKit.SendAsync(browser, new HttpRequestMessage(HttpMethod.Post, "/api/vehicles/import") { Content = form });

        ApiKit.AssertError(reply, 400, ErrorCodes.ValidationFailed);
        Assert.Equal(0, await fixture.Db.ScalarAsync<long>("SELECT count(*) FROM vehicles WHERE vin = $1", rows[0].Vin!));
    }

    [Fact]
    public async Task The_list_takes_the_grids_filters_sort_and_page()
    {
        using var client = await ClientAsync(Sales);

        var page = await ApiKit.GetAsync(client, "/api/vehicles?sort=-price&pageSize=5&page=2&condition=used");

        Assert.True(page.Status == 200, page.ToString());
        var items = page.Data.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, page.Data.GetProperty("page").GetInt32());
        Assert.InRange(items.Count, 1, 5);
        Assert.All(items, v => Assert.Equal("used", v.GetProperty("condition").GetString()));
        var prices = items.Select(v => v.GetProperty("price").GetDecimal()).ToList();
        Assert.Equal(prices.OrderByDescending(p => p), prices);
        var toyotas = await ApiKit.GetAsync(client, "/api/vehicles?make=Toyota&minPrice=1&maxPrice=30000&pageSize=100");
        Assert.All(toyotas.Data.GetProperty("items").EnumerateArray(), v =>
        {
            Assert.Equal("Toyota", v.GetProperty("make").GetString());
            Assert.InRange(v.GetProperty("price").GetDecimal(), 1m, 30_000m);
        });
    }
}
