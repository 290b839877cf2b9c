using System.Net;
using DealDesk.Data.Accounts;
using DealDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Accounts;

/// <summary>Repeated wrong passwords lock the account (on a user of its own, so no other test is disturbed).</summary>
public sealed class LockoutTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    const string Password = "Lockout!Test-2026";

    async Task<string> CreateUserAsync()
    {
        var demo = await fixture.Db.DemoAsync();
        var email = $"lockout-{Guid.NewGuid():N}@northside.test";
        await using var scope = fixture.App.Services.CreateAsyncScope(); // the app's own UserManager and Identity options
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var user = new AppUser { Id = Guid.CreateVersion7(), DealershipId = demo.North.DealershipId, UserName = email, Email = email, EmailConfirmed = true, DisplayName = "Lockout Test" };
        Assert.True((await users.CreateAsync(user, Password)).Succeeded);
        Assert.True((await users.AddToRoleAsync(user, Roles.Salesperson)).Succeeded);
        return email;
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_so_the_right_one_fails_next()
    {
        var email = await CreateUserAsync();
        using var client = fixture.App.CreateBrowserClient();

        for (var i = 1; i <= 5; i++)
        {
            var wrong = await DealDeskAppFactory.PostLoginAsync(client, email, $"wrong-password-{i}");
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
            Assert.False(DealDeskAppFactory.HasAuthCookie(wrong));
        }
        var right = await DealDeskAppFactory.PostLoginAsync(client, email, Password);

        Assert.Equal(HttpStatusCode.OK, right.StatusCode);
        Assert.False(DealDeskAppFactory.HasAuthCookie(right));
        Assert.NotNull((await Html.ParseAsync(right)).QuerySelector("[data-testid=login-error]"));
        var lockoutEnd = await fixture.Db.ScalarAsync<DateTime?>("SELECT lockout_end FROM users WHERE email = $1", email);
        Assert.NotNull(lockoutEnd);
        Assert.InRange(lockoutEnd.Value, DateTime.UtcNow.AddMinutes(10), DateTime.UtcNow.AddMinutes(16));
        await Assert.ThrowsAsync<InvalidOperationException>(() => fixture.App.BearerTokenAsync(email, Password)); // the API refuses too
    }

    [Fact]
    public async Task Four_wrong_passwords_do_not_lock_and_a_success_resets_the_count()
    {
        var email = await CreateUserAsync();
        using var client = fixture.App.CreateBrowserClient();

        for (var i = 1; i <= 4; i++) await DealDeskAppFactory.PostLoginAsync(client, email, $"wrong-password-{i}");
        var right = await DealDeskAppFactory.PostLoginAsync(client, email, Password);

        Assert.True(DealDeskAppFactory.HasAuthCookie(right));
        Assert.Equal(0, await fixture.Db.ScalarAsync<int>("SELECT access_failed_count FROM users WHERE email = $1", email));
    }
}
