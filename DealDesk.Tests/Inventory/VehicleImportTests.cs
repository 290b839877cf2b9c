using System.Text;
using DealDesk.Data.Errors;
using DealDesk.Data.Inventory;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Inventory.Support;

namespace DealDesk.Tests.Inventory;

/// <summary>The CSV import on real PostgreSQL: all or nothing, by VIN, idempotent, and the rows that need fixing named.</summary>
public sealed class VehicleImportTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    async Task<VehicleImportResult> ImportAsync(byte[] csv, bool manager = true, bool south = false)
    {
        var demo = await Db.DemoAsync();
        var tenant = south ? demo.South : demo.North;
        await using var scope = Db.CreateScope(tenant.DealershipId, manager ? tenant.ManagerId : tenant.Sales1Id, isManager: manager);
        return await scope.Get<VehicleImport>().ImportAsync(csv);
    }

    static List<VehicleImportRowError> Rows(AppError error) => Assert.IsType<List<VehicleImportRowError>>(DealKit.Detail(error, "rows"));

    [Fact]
    public async Task A_file_imports_once_and_the_same_file_again_changes_nothing()
    {
        var rows = VehicleKit.Inputs(25);
        var csv = VehicleKit.Csv(rows);

        var first = await ImportAsync(csv);
        var vehiclesAfterFirst = await DbSnapshot.TakeAsync(Db);
        var second = await ImportAsync(csv);

        Assert.Equal(new VehicleImportResult(25, 0, 0), first);
        Assert.Equal(new VehicleImportResult(0, 0, 25), second);
        await vehiclesAfterFirst.AssertUnchangedAsync(Db); // not even an audit entry
        Assert.Equal(25, await Db.ScalarAsync<long>("SELECT count(*) FROM vehicles WHERE vin = ANY($1)", new object[] { rows.Select(r => r.Vin!).ToArray() }));
    }

    [Fact]
    public async Task Known_vins_are_updated_and_the_price_change_is_in_their_history()
    {
        var rows = VehicleKit.Inputs(3);
        await ImportAsync(VehicleKit.Csv(rows));
        rows[1].Price = 19_999m;
        rows[2].Mileage = 40_000;
        var added = VehicleKit.Input();

        var result = await ImportAsync(VehicleKit.Csv([.. rows, added]));

        Assert.Equal(new VehicleImportResult(1, 2, 1), result);
        Assert.Equal(19_999m, await Db.ScalarAsync<decimal>("SELECT price FROM vehicles WHERE vin = $1", rows[1].Vin!));
        Assert.Equal(1, await Db.ScalarAsync<long>(
            "SELECT count(*) FROM vehicle_history h JOIN vehicles v ON v.id = h.vehicle_id WHERE v.vin = $1 AND h.kind = 'price' AND h.new_value = '19999.00'", rows[1].Vin!));
    }

    [Fact]
    public async Task One_bad_row_imports_nothing_and_names_its_row_and_fields()
    {
        var rows = VehicleKit.Inputs(50);
        rows[36].Vin = rows[36].Vin![..8] + (rows[36].Vin![8] == '1' ? '2' : '1') + rows[36].Vin![9..]; // wrong check digit
        rows[36].Price = -100m;
        var before = await DbSnapshot.TakeAsync(Db);

        var error = await DealKit.FailsAsync(() => ImportAsync(VehicleKit.Csv(rows)), ErrorCodes.ValidationFailed, 400);

        var row = Assert.Single(Rows(error));
        Assert.Equal(38, row.Row); // the header is line 1, the first vehicle line 2
        Assert.Equal(new HashSet<string> { "vin", "price" }, row.Fields.Keys.ToHashSet());
        Assert.Contains("Row 38", error.Message);
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task Duplicates_inside_the_file_are_row_errors()
    {
        var rows = VehicleKit.Inputs(4);
        rows[3].Vin = rows[0].Vin;
        rows[2].StockNumber = rows[1].StockNumber;

        var error = await DealKit.FailsAsync(() => ImportAsync(VehicleKit.Csv(rows)), ErrorCodes.ValidationFailed, 400);

        var errors = Rows(error);
        Assert.Equal([4, 5], errors.Select(e => e.Row));
        Assert.Contains("row 2", errors[1].Fields["vin"][0]);
        Assert.Contains("stockNumber", errors[0].Fields.Keys);
        Assert.Equal(0, await Db.ScalarAsync<long>("SELECT count(*) FROM vehicles WHERE vin = $1", rows[0].Vin!));
    }

    [Fact]
    public async Task A_stock_number_of_another_vehicle_fails_the_whole_import()
    {
        var demo = await Db.DemoAsync();
        var rows = VehicleKit.Inputs(3);
        rows[2].StockNumber = "N1001"; // a demo vehicle's

        var error = await DealKit.FailsAsync(() => ImportAsync(VehicleKit.Csv(rows)), ErrorCodes.ValidationFailed, 400);

        Assert.Equal(4, Assert.Single(Rows(error)).Row);
        Assert.Equal(0, await Db.ScalarAsync<long>("SELECT count(*) FROM vehicles WHERE vin = $1", rows[0].Vin!));
    }

    [Fact]
    public async Task A_row_that_would_reprice_a_vehicle_on_an_open_deal_fails_the_import()
    {
        var demo = await Db.DemoAsync();
        var rows = VehicleKit.Inputs(2);
        await ImportAsync(VehicleKit.Csv(rows));
        var vehicleId = await Db.ScalarAsync<Guid>("SELECT id FROM vehicles WHERE vin = $1", rows[0].Vin!);
        var customer = (await DealKit.CustomersAsync(Db, demo.North.DealershipId))[0];
        await using (var sales = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id))
            await sales.Get<Data.Deals.DealService>().CreateAsync(DealKit.Request(customer, vehicleId), null);
        rows[0].Price = 1_000m;
        rows[1].Price = 1_000m;

        var error = await DealKit.FailsAsync(() => ImportAsync(VehicleKit.Csv(rows)), ErrorCodes.ValidationFailed, 400);

        Assert.Equal(2, Assert.Single(Rows(error)).Row);
        Assert.NotEqual(1_000m, await Db.ScalarAsync<decimal>("SELECT price FROM vehicles WHERE vin = $1", rows[1].Vin!));
    }

    [Fact]
    public async Task Unreadable_files_are_typed_errors()
    {
        var missingColumns = Encoding.UTF8.GetBytes("vin,make\n1HGCM82633A004352,Honda\n");
        var error = await DealKit.FailsAsync(() => ImportAsync(missingColumns), ErrorCodes.ValidationFailed, 400);
        Assert.Contains("stockNumber", DealKit.Fields(error)["file"][0]);

        await DealKit.FailsAsync(() => ImportAsync(Encoding.UTF8.GetBytes(VehicleKit.Header + "\n")), ErrorCodes.ValidationFailed, 400);

        var badNumber = Encoding.UTF8.GetBytes(VehicleKit.Header + "\n" + VehicleKit.Line(VehicleKit.Input()).Replace(",27450,", ",cheap,") + "\n");
        var parse = await DealKit.FailsAsync(() => ImportAsync(badNumber), ErrorCodes.ValidationFailed, 400);
        Assert.Contains("price", Assert.Single(Rows(parse)).Fields.Keys);

        var huge = new byte[VehicleImport.MaxBytes + 1];
        await DealKit.FailsAsync(() => ImportAsync(huge), ErrorCodes.PayloadTooLarge, 413);
    }

    [Fact]
    public async Task A_salesperson_cannot_import()
    {
        var rows = VehicleKit.Inputs(1);
        await DealKit.FailsAsync(() => ImportAsync(VehicleKit.Csv(rows), manager: false), ErrorCodes.Forbidden, 403);
        Assert.Equal(0, await Db.ScalarAsync<long>("SELECT count(*) FROM vehicles WHERE vin = $1", rows[0].Vin!));
    }

    [Fact]
    public async Task Each_dealership_imports_into_its_own_inventory()
    {
        var rows = VehicleKit.Inputs(2);
        var csv = VehicleKit.Csv(rows);

        Assert.Equal(new VehicleImportResult(2, 0, 0), await ImportAsync(csv));
        Assert.Equal(new VehicleImportResult(2, 0, 0), await ImportAsync(csv, south: true));
        Assert.Equal(2, await Db.ScalarAsync<long>("SELECT count(DISTINCT dealership_id) FROM vehicles WHERE vin = $1", rows[0].Vin!));
    }

    [Fact]
    public async Task Two_imports_of_the_same_new_file_at_once_insert_each_vehicle_once()
    {
        var rows = VehicleKit.Inputs(30);
        var csv = VehicleKit.Csv(rows);

        var outcomes = await Together.RunAsync(2, _ => ImportAsync(csv));

        // The unique index settles it: one import inserts all 30; the other either waited and found them (unchanged)
        // or lost the race on the index and says so with a typed conflict. Never 60 rows, never a 500.
        Assert.Contains(outcomes, o => o.Value == new VehicleImportResult(30, 0, 0));
        Assert.All(outcomes, o => Assert.True(o.Succeeded || o.Code == ErrorCodes.VinDuplicate, o.Error?.ToString()));
        Assert.Equal(30, await Db.ScalarAsync<long>("SELECT count(*) FROM vehicles WHERE vin = ANY($1)", new object[] { rows.Select(r => r.Vin!).ToArray() }));
    }
}
