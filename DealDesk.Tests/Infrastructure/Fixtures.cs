namespace DealDesk.Tests.Infrastructure;

/// <summary>Class fixture: a private database for one test class.</summary>
public class DatabaseFixture : IAsyncLifetime
{
    TestDatabase? _db;

    public TestDatabase Db => _db ?? throw new InvalidOperationException("The fixture is not initialized.");

    protected virtual string Prefix => "db";

    public virtual async Task InitializeAsync() => _db = await TestDatabase.CreateAsync(Prefix);

    public virtual async Task DisposeAsync()
    {
        if (_db is not null) await _db.DisposeAsync();
    }
}

/// <summary>Class fixture: a private database plus the app running against it.</summary>
public class AppFixture : DatabaseFixture
{
    DealDeskAppFactory? _app;

    public DealDeskAppFactory App => _app ?? throw new InvalidOperationException("The fixture is not initialized.");

    protected override string Prefix => "app";

    public override async Task InitializeAsync()
    {
        await base.InitializeAsync();
        _app = CreateApp();
        _ = _app.Server; // start now, so a broken start fails the fixture rather than the first test
    }

    protected virtual DealDeskAppFactory CreateApp() => new(Db);

    public override async Task DisposeAsync()
    {
        if (_app is not null) await _app.DisposeAsync(); // first: the app's pool must close before the database is dropped
        await base.DisposeAsync();
    }
}
