using System.Globalization;
using CsvHelper;
using DealDesk.Data.Errors;

namespace DealDesk.Data.Inventory;

/// <summary>
/// Reads an inventory CSV (CsvHelper) into <see cref="VehicleInput"/>s with their line numbers. The header names the
/// columns (the API's camelCase names, any order, case-insensitive); only the required ones must be there. Values are
/// read as text and parsed here, so a bad number is a field error of its row rather than an exception.
/// </summary>
public static class VehicleCsv
{
    public static readonly string[] Required = ["vin", "stockNumber", "year", "make", "model", "price", "mileage", "condition"];
    public static readonly string[] Optional = ["trim", "exteriorColor", "interiorColor", "bodyStyle", "cost", "receivedOn"];
    public static string Header => string.Join(',', Required.Take(5).Concat(["trim"]).Concat(Required.Skip(5)).Concat(Optional.Skip(1)));

    public sealed record Row(int Line, VehicleInput Input, Dictionary<string, string[]> ParseErrors);

    public static IReadOnlyList<Row> Read(byte[] csv)
    {
        var options = new CsvReaderOptions { TrimWhitespace = true, TrackLineNumbers = true };
        using var reader = CsvReader.Create(csv, options);
        try
        {
            reader.ReadHeader();
            var missing = Required.Where(name => !reader.TryGetFieldIndex(name, out _)).ToList();
            if (missing.Count > 0)
                throw new DealDeskException(AppError.Validation(
                    new Dictionary<string, string[]> { ["file"] = [$"The header line is missing: {string.Join(", ", missing)}. Expected: {Header}"] },
                    "The file's header line is missing columns; nothing was imported."));
            var rows = new List<Row>();
            while (reader.Read())
            {
                var errors = new Dictionary<string, string[]>();
                string? Text(string name) => reader.TryGetFieldIndex(name, out var i) ? reader.GetStringOrNull(i) : null;
                T? Parse<T>(string name, string message) where T : struct, IParsable<T>
                {
                    var text = Text(name);
                    if (string.IsNullOrWhiteSpace(text)) return null;
                    if (T.TryParse(text.Replace("$", "").Replace(",", ""), CultureInfo.InvariantCulture, out var value)) return value;
                    errors[name] = [message];
                    return null;
                }
                var input = new VehicleInput
                {
                    Vin = Text("vin"), StockNumber = Text("stockNumber"), Make = Text("make"), Model = Text("model"), Trim = Text("trim"),
                    Year = Parse<int>("year", "Enter the model year as a number."),
                    Price = Parse<decimal>("price", "Enter the price as a number (29995.00)."),
                    Mileage = Parse<int>("mileage", "Enter the mileage as a whole number."),
                    Cost = Parse<decimal>("cost", "Enter the cost as a number, or leave it empty."),
                    ReceivedOn = Parse<DateOnly>("receivedOn", "Enter the date received as YYYY-MM-DD."),
                    ExteriorColor = Text("exteriorColor"), InteriorColor = Text("interiorColor"), BodyStyle = Text("bodyStyle"),
                    Condition = Text("condition"),
                };
                rows.Add(new Row((int)reader.LineNumber, input, errors));
            }
            return rows;
        }
        catch (CsvFormatException ex)
        {
            throw new DealDeskException(AppError.Validation(
                new Dictionary<string, string[]> { ["file"] = [ex.Message] }, "The file could not be read as CSV; nothing was imported."));
        }
    }
}
