using DealDesk.Data.Accounts;
using DealDesk.Data.Errors;
using DealDesk.Data.Staff;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Staff;

/// <summary>A manager runs the dealership's accounts: every change audited, renews the stamp, and never leaves it without a manager.</summary>
public sealed class StaffServiceTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    TestDatabase Db => fixture.Db;

    async Task<AsyncServiceScope> NorthManagerAsync()
    {
        var demo = await Db.DemoAsync();
        return Db.CreateScope(demo.North.DealershipId, demo.North.ManagerId, isManager: true);
    }

    async Task<StaffInvitation> InviteAsync(string email, string role = Roles.Salesperson)
    {
        await using var scope = await NorthManagerAsync();
        return await scope.Get<StaffService>().InviteAsync(new InviteStaffRequest(email, "Tess", "Ortega", role));
    }

    Task<string> StampAsync(Guid userId) => Db.ScalarAsync<string>("SELECT security_stamp FROM users WHERE id = $1", userId);

    [Fact]
    public async Task An_invited_salesperson_gets_a_working_temporary_password_and_an_audit_line()
    {
        var invitation = await InviteAsync("tess.new@northside.test");

        Assert.Equal(Roles.Salesperson, invitation.Member.Role);
        Assert.Equal("Tess Ortega", invitation.Member.DisplayName);
        var hash = await Db.ScalarAsync<string>("SELECT password_hash FROM users WHERE id = $1", invitation.Member.Id);
        Assert.DoesNotContain(invitation.TemporaryPassword, hash);
        var verified = new PasswordHasher<AppUser>().VerifyHashedPassword(new AppUser(), hash, invitation.TemporaryPassword);
        Assert.NotEqual(PasswordVerificationResult.Failed, verified);
        Assert.Equal(1, await DealKit.CountAsync(Db, "SELECT count(*) FROM audit_log WHERE entity_id = $1 AND action = 'staff.invited'", invitation.Member.Id));
    }

    [Fact]
    public async Task An_email_already_used_by_another_dealership_is_refused_and_nothing_is_written()
    {
        var before = await DbSnapshot.TakeAsync(Db);

        var error = await DealKit.FailsAsync(() => InviteAsync("Manager@Southside.test"), ErrorCodes.ValidationFailed, 409);

        Assert.Contains("email", DealKit.Fields(error).Keys);
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task Invalid_input_names_the_fields_and_writes_nothing()
    {
        var before = await DbSnapshot.TakeAsync(Db);
        await using var scope = await NorthManagerAsync();

        var error = await DealKit.FailsAsync(() => scope.Get<StaffService>().InviteAsync(new InviteStaffRequest("not-an-email", " ", null, "Owner")),
            ErrorCodes.ValidationFailed, 400);

        Assert.Equal(["email", "firstName", "lastName", "role"], DealKit.Fields(error).Keys.Order());
        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task A_salesperson_cannot_manage_staff()
    {
        var demo = await Db.DemoAsync();
        await using var scope = Db.CreateScope(demo.North.DealershipId, demo.North.Sales1Id);

        await DealKit.FailsAsync(() => scope.Get<StaffService>().ListAsync(), ErrorCodes.Forbidden, 403);
        await DealKit.FailsAsync(() => scope.Get<StaffService>().LockAsync(demo.North.Sales2Id), ErrorCodes.Forbidden, 403);
    }

    [Fact]
    public async Task Another_dealerships_account_is_a_multi_tenant_violation()
    {
        var demo = await Db.DemoAsync();
        await using var scope = await NorthManagerAsync();

        await DealKit.FailsAsync(() => scope.Get<StaffService>().LockAsync(demo.South.Sales1Id), ErrorCodes.MultiTenantViolation, 403);
        Assert.Equal(0, await DealKit.CountAsync(Db, "SELECT count(*) FROM users WHERE id = $1 AND lockout_end IS NOT NULL", demo.South.Sales1Id));
    }

    [Fact]
    public async Task Role_change_lock_and_reset_renew_the_security_stamp_and_are_audited_from_to()
    {
        var member = (await InviteAsync("stamp.test@northside.test")).Member;
        await using var scope = await NorthManagerAsync();
        var staff = scope.Get<StaffService>();

        var stamp0 = await StampAsync(member.Id);
        Assert.Equal(Roles.Manager, (await staff.ChangeRoleAsync(member.Id, new ChangeRoleRequest(Roles.Manager))).Role);
        var stamp1 = await StampAsync(member.Id);
        Assert.True((await staff.LockAsync(member.Id)).IsLocked);
        var stamp2 = await StampAsync(member.Id);
        Assert.False((await staff.UnlockAsync(member.Id)).IsLocked);
        await staff.ResetPasswordAsync(member.Id);
        var stamp3 = await StampAsync(member.Id);

        Assert.Equal(4, new[] { stamp0, stamp1, stamp2, stamp3 }.Distinct().Count());
        var role = await Db.ScalarAsync<string>("SELECT metadata->>'from' || '>' || (metadata->>'to') FROM audit_log WHERE entity_id = $1 AND action = 'staff.role_changed'", member.Id);
        Assert.Equal("Salesperson>Manager", role);
        Assert.Equal(5, await DealKit.CountAsync(Db, "SELECT count(*) FROM audit_log WHERE entity_id = $1 AND action LIKE 'staff.%'", member.Id));
    }

    [Fact]
    public async Task The_last_manager_can_be_neither_demoted_nor_locked()
    {
        var demo = await Db.DemoAsync();
        var before = await DbSnapshot.TakeAsync(Db);
        await using var scope = Db.CreateScope(demo.South.DealershipId, demo.South.ManagerId, isManager: true);
        var staff = scope.Get<StaffService>();

        await DealKit.FailsAsync(() => staff.ChangeRoleAsync(demo.South.ManagerId, new ChangeRoleRequest(Roles.Salesperson)), ErrorCodes.LastManager, 409);
        await DealKit.FailsAsync(() => staff.LockAsync(demo.South.ManagerId), ErrorCodes.LastManager, 409);

        await before.AssertUnchangedAsync(Db);
    }

    [Fact]
    public async Task Two_managers_demoting_each_other_at_once_leave_exactly_one_manager()
    {
        for (var round = 0; round < 4; round++)
        {
            var demo = await Db.DemoAsync();
            var second = (await InviteAsync($"second{round}@northside.test", Roles.Manager)).Member.Id;
            // Everyone else who manages North steps down first, so exactly these two managers remain.
            await Db.ExecuteAsync("""
                DELETE FROM user_roles ur USING users u, roles r
                WHERE ur.user_id = u.id AND r.id = ur.role_id AND r.name = 'Manager' AND u.dealership_id = $1 AND u.id NOT IN ($2, $3)
                """, demo.North.DealershipId, demo.North.ManagerId, second);
            var pair = new[] { demo.North.ManagerId, second };

            var outcomes = await Together.RunAsync(2, async i =>
            {
                await using var scope = Db.CreateScope(demo.North.DealershipId, pair[i], isManager: true);
                // Each demotes the other one, or (odd rounds) locks them: both guarded by the same manager lock.
                var staff = scope.Get<StaffService>();
                return round % 2 == 0
                    ? await staff.ChangeRoleAsync(pair[1 - i], new ChangeRoleRequest(Roles.Salesperson))
                    : await staff.LockAsync(pair[1 - i]);
            });

            Assert.Single(outcomes, o => o.Succeeded);
            Assert.Single(outcomes, o => o.Code == ErrorCodes.LastManager);
            var activeManagers = await Db.ScalarAsync<long>("""
                SELECT count(*) FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
                WHERE r.name = 'Manager' AND u.dealership_id = $1 AND (u.lockout_end IS NULL OR u.lockout_end <= now())
                """, demo.North.DealershipId);
            Assert.Equal(1, activeManagers);
            // Back to the demo's shape: the North manager is the active manager again for the next round.
            await Db.ExecuteAsync("UPDATE users SET lockout_end = NULL WHERE id = $1", demo.North.ManagerId);
            await Db.ExecuteAsync("DELETE FROM user_roles WHERE user_id = $1", demo.North.ManagerId);
            await Db.ExecuteAsync("INSERT INTO user_roles (user_id, role_id) SELECT $1, id FROM roles WHERE name = 'Manager'", demo.North.ManagerId);
            await Db.ExecuteAsync("DELETE FROM user_roles WHERE user_id = $1", second);
        }
    }
}
