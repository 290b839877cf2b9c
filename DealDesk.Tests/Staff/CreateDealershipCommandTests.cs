using System.Net;
using System.Text.RegularExpressions;
using DealDesk.Tests.Deals.Support;
using DealDesk.Tests.Infrastructure;
using DealDesk.Web.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting.Internal;

namespace DealDesk.Tests.Staff;

/// <summary>
/// The operator's command, called in-process against the test database as the app would be configured for an
/// external PostgreSQL; the manager it creates then signs in to the running app.
/// </summary>
public sealed partial class CreateDealershipCommandTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    sealed record Run(int ExitCode, string Output, string Errors);

    async Task<Run> RunAsync(params string[] args)
    {
        var config = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:DealDesk"] = fixture.Db.AppConnectionString,
            ["ConnectionStrings:DealDeskMigrations"] = fixture.Db.OwnerConnectionString,
        }).Build();
        var env = new HostingEnvironment { EnvironmentName = "Testing", ContentRootPath = AppContext.BaseDirectory };
        using var output = new StringWriter();
        using var errors = new StringWriter();
        var code = await CreateDealershipCommand.RunAsync(["create-dealership", .. args], config, env, output, errors);
        return new Run(code, output.ToString(), errors.ToString());
    }

    [GeneratedRegex(@"One-time password: (\S+)")]
    private static partial Regex PasswordLine();

    [Fact]
    public async Task Creates_the_dealership_and_a_manager_who_signs_in_with_the_printed_password()
    {
        var run = await RunAsync("--name", "Lakeside Cars", "--time-zone", "America/Chicago", "--manager-email", "owner@lakeside.test",
            "--manager-name", "Dana Whitfield");

        Assert.True(run.ExitCode == 0, run.Errors);
        var password = PasswordLine().Match(run.Output).Groups[1].Value;
        Assert.NotEmpty(password);
        Assert.Equal("America/Chicago", await fixture.Db.ScalarAsync<string>("SELECT time_zone FROM dealerships WHERE name = 'Lakeside Cars'"));
        Assert.Equal("Manager", await fixture.Db.ScalarAsync<string>("""
            SELECT r.name FROM users u JOIN user_roles ur ON ur.user_id = u.id JOIN roles r ON r.id = ur.role_id
            WHERE u.email = 'owner@lakeside.test' AND u.first_name = 'Dana' AND u.last_name = 'Whitfield'
            """));
        using var manager = await fixture.App.SignedInClientAsync("owner@lakeside.test", password);
        var staff = await manager.GetAsync("/staff");
        Assert.Equal(HttpStatusCode.OK, staff.StatusCode);
        Assert.Contains("owner@lakeside.test", await staff.Content.ReadAsStringAsync());
        Assert.Equal(1, await DealKit.CountAsync(fixture.Db, "SELECT count(*) FROM audit_log WHERE action = 'dealership.created'"));
    }

    [Fact]
    public async Task Refuses_a_duplicate_name_or_manager_email_with_a_message_and_exit_code_3()
    {
        var before = await DbSnapshot.TakeAsync(fixture.Db);

        var sameName = await RunAsync("--name", "northside motors", "--time-zone", "America/Chicago", "--manager-email", "someone@else.test");
        var sameEmail = await RunAsync("--name", "Brand New Motors", "--time-zone", "America/Chicago", "--manager-email", "MANAGER@northside.test");

        Assert.Equal(3, sameName.ExitCode);
        Assert.Contains("already exists", sameName.Errors);
        Assert.Equal(3, sameEmail.ExitCode);
        Assert.Contains("already signs in with", sameEmail.Errors);
        await before.AssertUnchangedAsync(fixture.Db);
    }

    [Fact]
    public async Task Refuses_a_time_zone_that_is_not_iana_and_missing_arguments_with_exit_code_2()
    {
        var before = await DbSnapshot.TakeAsync(fixture.Db);

        var badZone = await RunAsync("--name", "Zone Motors", "--time-zone", "Central Standard Time", "--manager-email", "z@zone.test");
        var unknownZone = await RunAsync("--name", "Zone Motors", "--time-zone", "Mars/Olympus", "--manager-email", "z@zone.test");
        var missing = await RunAsync("--name", "Zone Motors");

        Assert.Equal(2, badZone.ExitCode);
        Assert.Contains("not an IANA time zone", badZone.Errors);
        Assert.Equal(2, unknownZone.ExitCode);
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("--time-zone is required", missing.Errors);
        await before.AssertUnchangedAsync(fixture.Db);
    }
}
