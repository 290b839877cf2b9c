using CsvHelper;
using DealDesk.Data.Audit;
using DealDesk.Data.Customers;
using DealDesk.Data.Errors;
using DealDesk.Data.Notifications;
using DealDesk.Data.Tenancy;
using DealDesk.Data.Transactions;
using FluentValidation;

namespace DealDesk.Data.Leads;

public sealed record LeadImportRowError(int Row, string Field, string Message);

public sealed record LeadImportResult(int Imported, IReadOnlyList<LeadCreated> Leads);

/// <summary>
/// Leads from a CSV file (header: customer_phone, customer_name, type, details): every row is checked first (the
/// create validator, duplicates within the file, numbers with an open conversation), then all are created in one
/// unit of work, or none: a failing row is a 400 listing every row's errors (details.rows).
/// </summary>
public sealed class LeadImport(TransactionRunner runner, ITenantContext tenant, IValidator<CreateLeadRequest> validator,
    ICurrentDealership dealership, TimeProvider time)
{
    public const int MaxRows = 2000;

    public async Task<LeadImportResult> ImportAsync(string csv, CancellationToken ct = default)
    {
        var actor = Actor.From(tenant);
        var (rows, errors) = Parse(csv);
        var seen = new Dictionary<string, int>();
        var region = rows.Count == 0 ? null : await dealership.PhoneRegionAsync(ct);
        foreach (var (row, request) in rows)
        {
            var result = validator.Validate(PhoneRegion.Context(request, region));
            errors.AddRange(result.Errors.Select(e => new LeadImportRowError(row, Validation.CamelPath(e.PropertyName), e.ErrorMessage)));
            if (!result.IsValid) continue;
            var phone = Phones.Normalize(request.CustomerPhone, region)!;
            if (seen.TryGetValue(phone, out var first))
                errors.Add(new LeadImportRowError(row, "customerPhone", $"The same number as row {first}."));
            else seen[phone] = row;
        }
        if (rows.Count == 0 && errors.Count == 0) errors.Add(new LeadImportRowError(0, "file", "The file has no rows."));
        if (errors.Count > 0) throw Invalid(errors);

        return await runner.RunAsync("leads.import", async (db, token) =>
        {
            var now = time.GetUtcNow();
            var created = new List<LeadCreated>();
            var conflicts = new List<LeadImportRowError>();
            foreach (var (row, r) in rows)
            {
                var outcome = await LeadFunctions.CreateLeadWithConversationAsync(db, Phones.Normalize(r.CustomerPhone, region)!, r.CustomerName!.Trim(),
                    r.Type!, string.IsNullOrWhiteSpace(r.Details) ? null : r.Details.Trim(), LeadSources.Import, null, now, null, token);
                if (outcome.LeadCreated) created.Add(new LeadCreated(outcome.LeadId, outcome.ConversationId, null));
                else conflicts.Add(new LeadImportRowError(row, "customerPhone", "This number already has an open conversation."));
            }
            if (conflicts.Count > 0) throw Invalid(conflicts); // rolls back every row
            AuditTrail.Record(db, actor, "leads.imported", "lead", created[0].LeadId, new { count = created.Count }, now,
                summary: $"Imported {created.Count} leads");
            await ChangePublisher.PublishAsync(db, [.. created.Select(c => LeadChanges.Created(actor.DealershipId, c.LeadId, c.ConversationId, actor.UserId))], token);
            return new LeadImportResult(created.Count, created);
        }, ct);
    }

    /// <summary>Rows numbered as a spreadsheet shows them (the header is row 1).</summary>
    private static (List<(int Row, CreateLeadRequest Request)> Rows, List<LeadImportRowError> Errors) Parse(string csv)
    {
        var rows = new List<(int, CreateLeadRequest)>();
        var errors = new List<LeadImportRowError>();
        try
        {
            using var reader = CsvReader.FromText(csv, CsvReaderOptions.Default);
            reader.ReadHeader();
            var columns = new[] { "customer_phone", "customer_name", "type", "details" }
                .ToDictionary(c => c, c => reader.TryGetFieldIndex(c, out var i) ? i : -1);
            foreach (var missing in columns.Where(c => c.Value < 0 && c.Key != "details"))
                errors.Add(new LeadImportRowError(1, missing.Key, $"The header has no {missing.Key} column."));
            if (errors.Count > 0) return (rows, errors);
            var row = 1;
            while (reader.Read())
            {
                row++;
                if (rows.Count >= MaxRows)
                {
                    errors.Add(new LeadImportRowError(row, "file", $"At most {MaxRows} rows per file."));
                    break;
                }
                string? Field(string name) => columns[name] < 0 || columns[name] >= reader.FieldCount ? null : reader.GetStringOrNull(columns[name])?.Trim();
                rows.Add((row, new CreateLeadRequest
                {
                    CustomerPhone = Field("customer_phone"), CustomerName = Field("customer_name"), Type = Field("type"), Details = Field("details"),
                    Source = LeadSources.Import,
                }));
            }
        }
        catch (CsvFormatException ex)
        {
            errors.Add(new LeadImportRowError(0, "file", "The file is not valid CSV: " + ex.Message));
        }
        return (rows, errors);
    }

    private static DealDeskException Invalid(IReadOnlyList<LeadImportRowError> errors) =>
        new(new AppError(ErrorCodes.ValidationFailed, 400,
            $"Nothing was imported: {errors.Select(e => e.Row).Distinct().Count()} row(s) need attention.",
            Details: new Dictionary<string, object?> { ["rows"] = errors }));
}
