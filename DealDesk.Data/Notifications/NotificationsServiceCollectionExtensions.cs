using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DealDesk.Data.Notifications;

public static class NotificationsServiceCollectionExtensions
{
    /// <summary>
    /// The <see cref="ChangeFeed"/> and its <see cref="ChangeListener"/> (a hosted service: a host starts it, a
    /// bare service provider does not). Needs <c>AddDealDeskData</c> for the connection. Publishing needs no
    /// registration: every unit of work can call <see cref="ChangePublisher"/>.
    /// </summary>
    public static IServiceCollection AddChangeNotifications(this IServiceCollection services)
    {
        if (services.Any(d => d.ServiceType == typeof(ChangeListener))) return services; // one listener per instance
        services.TryAddSingleton<ChangeFeed>();
        services.AddSingleton<ChangeListener>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeListener>());
        return services;
    }
}
