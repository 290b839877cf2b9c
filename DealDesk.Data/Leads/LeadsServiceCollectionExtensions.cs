using DealDesk.Data.Leads.WhatsApp;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DealDesk.Data.Leads;

public static class LeadsServiceCollectionExtensions
{
    /// <summary>The lead services; the WhatsApp client defaults to the local one (the web host swaps in the Cloud API's when configured).</summary>
    public static IServiceCollection AddLeads(this IServiceCollection services)
    {
        services.AddScoped<LeadService>();
        services.AddScoped<ConversationService>();
        services.AddScoped<LeadQueries>();
        services.AddScoped<LeadImport>();
        services.AddScoped<ILeadInbox>(sp => sp.GetRequiredService<LeadQueries>());
        services.AddScoped<ILeadInboxActions, LeadInboxActions>();
        services.AddScoped<WhatsAppInbox>();
        services.AddScoped<OutboxStore>();
        services.AddSingleton<OutboxDispatcher>();
        services.TryAddSingleton<IWhatsAppClient, LocalWhatsAppClient>();
        return services;
    }
}
