using DealDesk.Data.Leads;
using DealDesk.Web.Errors;

namespace DealDesk.Web.Endpoints;

/// <summary>The lead inbox's JSON API: same services, rules and tenant as the inbox page.</summary>
internal static class LeadApiEndpoints
{
    public static void MapLeadApi(this IEndpointRouteBuilder routes)
    {
        var api = routes.MapGroup("/api").RequireAuthorization().AddEndpointFilter<ApiErrorFilter>();

        api.MapPost("/leads", async (CreateLeadJson body, LeadService leads, CancellationToken ct) =>
        {
            var created = await leads.CreateAsync(body.ToRequest(), ct);
            return Results.Created($"/api/leads/{created.LeadId}",
                new { success = true, lead_id = created.LeadId, conversation_id = created.ConversationId });
        });
        // The CSV file as the body (text/csv): all rows or none; a failing row is a 400 with details.rows.
        api.MapPost("/leads/import", async (HttpRequest request, LeadImport import, CancellationToken ct) =>
        {
            using var reader = new StreamReader(request.Body);
            var csv = await reader.ReadToEndAsync(ct);
            var result = await import.ImportAsync(csv, ct);
            return Results.Ok(new { success = true, imported = result.Imported, leads = result.Leads });
        });
        api.MapGet("/leads", async (string? status, string? type, string? assigned, string? q, int? page, LeadQueries queries, CancellationToken ct) =>
            Results.Ok(new Envelope<Data.Inventory.Paged<InboxItem>>(await queries.ListAsync(new LeadSearch(status, type, assigned, q, page ?? 1), ct))));
        api.MapGet("/leads/{id:guid}", async (Guid id, LeadQueries queries, CancellationToken ct) =>
            Results.Ok(new Envelope<LeadDetails>(await queries.GetAsync(id, ct))));
        api.MapPost("/leads/{id:guid}/claim", async (Guid id, LeadService leads, CancellationToken ct) =>
            Results.Ok(new Envelope<LeadView>(await leads.ClaimAsync(id, ct))));
        api.MapPost("/leads/{id:guid}/assign", async (Guid id, AssignLeadJson body, LeadService leads, CancellationToken ct) =>
            Results.Ok(new Envelope<LeadView>(await leads.AssignAsync(id, body.UserId, ct))));
        api.MapPost("/leads/{id:guid}/status", async (Guid id, UpdateLeadRequest body, LeadService leads, CancellationToken ct) =>
            Results.Ok(new Envelope<LeadView>(await leads.UpdateAsync(id, body, ct))));

        api.MapGet("/conversations/{id:guid}/messages", async (Guid id, LeadQueries queries, CancellationToken ct) =>
            Results.Ok(new Envelope<IReadOnlyList<MessageView>>(await queries.MessagesAsync(id, ct))));
        api.MapPost("/conversations/{id:guid}/messages", async (Guid id, ReplyJson body, ConversationService conversations, CancellationToken ct) =>
        {
            var queued = await conversations.ReplyAsync(id, body.Body, ct);
            return Results.Created($"/api/conversations/{id}/messages", new Envelope<MessageView>(queued.Message));
        });

        api.MapPost("/whatsapp", async (ManualSendJson body, LeadService leads, CancellationToken ct) =>
        {
            var sent = await leads.SendAsync(body.ToRequest(), ct);
            return Results.Created($"/api/conversations/{sent.ConversationId}/messages",
                new { success = true, lead_id = sent.LeadId, conversation_id = sent.ConversationId, message_id = sent.MessageId });
        });
    }
}
