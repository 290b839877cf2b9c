using DealDesk.Data.Notifications;
using DealDesk.Data.Settings;
using DealDesk.Tests.Infrastructure;
using DealDesk.Tests.Notifications.Support;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Notifications;

/// <summary>A settings save announces itself once committed, so open pages re-read the name and the phones' country.</summary>
public sealed class SettingsChangeTests(DatabaseFixture fixture) : NorthChangesTest(fixture)
{
    Task<List<Change>> ChangesOfSavingAsync(Action<DealershipSettings> edit) => ChangesOfAsync(North.ManagerId, manager: true, async scope =>
    {
        var service = scope.ServiceProvider.GetRequiredService<SettingsService>();
        var settings = await service.GetAsync();
        edit(settings);
        await service.SaveAsync(settings);
    });

    [Fact]
    public async Task Saving_a_new_name_and_country_announces_the_fields_that_changed()
    {
        var changes = await ChangesOfSavingAsync(s => (s.Name, s.Country) = ("Northside Motors of London", "GB"));

        var change = Assert.Single(changes);
        Assert.Equal((ChangeKinds.SettingsChanged, North.DealershipId, North.DealershipId, (Guid?)North.ManagerId),
            (change.Kind, change.DealershipId, change.Id, change.ByUserId));
        Assert.Equal(["country", "name"], change.Data![ChangeKeys.Fields]!.Split(',').Order());
    }

    [Fact]
    public async Task Saving_unchanged_settings_announces_nothing()
    {
        var changes = await ChangesOfSavingAsync(_ => { });

        Assert.Empty(changes);
    }
}
