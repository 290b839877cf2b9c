using DealDesk.Tests.Infrastructure;
using Microsoft.AspNetCore.Hosting;

namespace DealDesk.Tests.Leads;

/// <summary>The app with a WhatsApp app secret and verify token configured (the test host is not the embedded demo).</summary>
public sealed class LeadAppFixture : AppFixture
{
    public const string VerifyToken = "test-verify-token";

    protected override DealDeskAppFactory CreateApp() => new Factory(Db);

    sealed class Factory(TestDatabase db) : DealDeskAppFactory(db)
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("WhatsApp:AppSecret", LeadKit.Secret);
            builder.UseSetting("WhatsApp:VerifyToken", VerifyToken);
        }
    }
}
