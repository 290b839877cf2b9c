using DealDesk.Data.Deals;
using DealDesk.Data.QuickQuotes;
using DealDesk.Tests.Infrastructure;
using FluentValidation;
using Microsoft.Extensions.DependencyInjection;

namespace DealDesk.Tests.Deals;

/// <summary>The validators come from FluentValidation's assembly scan: one stateless instance each.</summary>
public sealed class ValidatorRegistrationTests(DatabaseFixture fixture) : IClassFixture<DatabaseFixture>
{
    [Fact]
    public async Task Every_validator_the_services_use_is_registered_once_as_a_singleton()
    {
        await using var services = fixture.Db.CreateServices();

        Assert.IsType<CreateDealValidator>(services.GetRequiredService<IValidator<CreateDealRequest>>());
        Assert.IsType<ChangeCustomerValidator>(services.GetRequiredService<IValidator<ChangeCustomerRequest>>());
        Assert.IsType<QuickQuoteValidator>(services.GetRequiredService<IValidator<QuickQuoteRequest>>());
        Assert.IsType<ConvertQuickQuoteValidator>(services.GetRequiredService<IValidator<ConvertQuickQuoteRequest>>());
        Assert.IsType<NewCustomerValidator>(services.GetRequiredService<IValidator<NewCustomerData>>()); // harmless: nobody injects it
        Assert.Single(services.GetServices<IValidator<CreateDealRequest>>());
        Assert.Same(services.GetRequiredService<IValidator<CreateDealRequest>>(), services.GetRequiredService<IValidator<CreateDealRequest>>());
    }
}
