using DealDesk.Data.Inventory;

namespace DealDesk.Tests.Inventory;

/// <summary>The North American check digit (49 CFR 565) on real and deliberately broken VINs.</summary>
public sealed class VinCheckTests
{
    [Theory]
    [InlineData("1HGCM82633A004352")] // Honda Accord 2003, the textbook example
    [InlineData("1M8GDM9AXKP042788")] // check digit X (remainder 10)
    [InlineData("11111111111111111")] // all ones: sum 89 mod 11 = 1
    [InlineData("JH4KA7561PC008269")] // Acura Legend
    public void Real_vins_pass(string vin)
    {
        Assert.Null(VinCheck.Problem(vin));
        Assert.True(VinCheck.IsValid(vin));
        Assert.Equal(vin[8], VinCheck.CheckDigit(vin));
    }

    [Theory]
    [InlineData("1HGCM82643A004352", "check digit")]    // one digit mistyped
    [InlineData("1HGCM82633A004353", "check digit")]    // last digit changed
    [InlineData("1M8GDM9A1KP042788", "should be X")]    // X expected
    [InlineData("11111111211111111", "check digit")]
    [InlineData("1HGCM82633A00435", "17 characters")]   // 16 characters
    [InlineData("1HGCM82633A0043521", "17 characters")] // 18 characters
    [InlineData("1HGCM82633AO04352", "I, O or Q")]      // letter O for zero
    [InlineData("IHGCM82633A004352", "I, O or Q")]
    [InlineData("1HGCM82633A00435-", "only digits and capital letters")]
    [InlineData("", "Enter the VIN")]
    [InlineData(null, "Enter the VIN")]
    public void Broken_vins_say_why(string? vin, string reason)
    {
        var problem = VinCheck.Problem(vin);
        Assert.NotNull(problem);
        Assert.Contains(reason, problem, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Typed_vins_are_normalized_before_the_check()
    {
        Assert.Equal("1HGCM82633A004352", VinCheck.Normalize(" 1hgcm82633a004352 "));
        Assert.True(VinCheck.IsValid(VinCheck.Normalize("1hgcm 82633a004352")));
    }

    [Fact]
    public void The_validator_names_the_vin_field_and_the_others()
    {
        var result = new VehicleInputValidator().Validate(new VehicleInput
        {
            Vin = "1HGCM82643A004352", StockNumber = "", Year = 1970, Make = "", Model = "Civic", Price = -1, Mileage = null, Condition = "mint",
        });

        var fields = result.Errors.Select(e => e.PropertyName).ToHashSet();
        Assert.Equal(new HashSet<string> { "Vin", "StockNumber", "Year", "Make", "Price", "Mileage", "Condition" }, fields);
    }

    [Fact]
    public void A_complete_input_is_valid_and_prices_may_be_zero_but_not_fractions_of_cents()
    {
        var validator = new VehicleInputValidator();
        var input = Support.VehicleKit.Input(price: 0m);
        Assert.True(validator.Validate(input).IsValid);
        input.Price = 100.005m;
        Assert.Contains(validator.Validate(input).Errors, e => e.PropertyName == "Price");
    }
}
