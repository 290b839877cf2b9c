using DealDesk.Data.Settings;
using DealDesk.Web.Accounts;
using DealDesk.Web.Errors;

namespace DealDesk.Web.Endpoints;

/// <summary>GET/PUT /api/settings: the dealership's settings, managers only. PUT answers with what changed, from → to.</summary>
internal static class SettingsApiEndpoints
{
    public sealed record SavedSettings(DealershipSettings Settings, IReadOnlyList<SettingChange> Changes);

    public static void MapSettingsApi(this IEndpointRouteBuilder routes)
    {
        var settings = routes.MapGroup("/api/settings").RequireAuthorization(Policies.Manager).AddEndpointFilter<ApiErrorFilter>();

        settings.MapGet("", async (SettingsService service, CancellationToken ct) =>
            Results.Ok(new Envelope<DealershipSettings>(await service.GetAsync(ct))));
        settings.MapPut("", async (DealershipSettings request, SettingsService service, CancellationToken ct) =>
        {
            var (saved, changes) = await service.SaveAsync(request, ct);
            return Results.Ok(new Envelope<SavedSettings>(new SavedSettings(saved, changes)));
        });
    }
}
