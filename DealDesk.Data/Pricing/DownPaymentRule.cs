using System.Globalization;
using DealDesk.Data.Errors;

namespace DealDesk.Data.Pricing;

/// <summary>
/// A down payment cannot exceed the amount due (which already counts the trade-in's equity): 30,000 down
/// on a 20,000 car is a typo, and was accepted as "Financed $0.00, Monthly $0.00". Checked by the services
/// once the defaults (vehicle price, tax, fees) are known.
/// </summary>
public static class DownPaymentRule
{
    private static readonly CultureInfo Us = CultureInfo.GetCultureInfo("en-US");

    public static bool Fits(decimal downPayment, decimal amountDue) => downPayment <= Math.Max(0, amountDue);

    public static string Message(decimal amountDue) =>
        $"Down payment can't be more than the amount due ({Math.Max(0, amountDue).ToString("C2", Us)}).";

    /// <summary>VALIDATION_FAILED on <paramref name="field"/> when the down payment does not fit.</summary>
    public static void Check(string field, decimal downPayment, decimal amountDue)
    {
        if (!Fits(downPayment, amountDue))
            throw new DealDeskException(AppError.Validation(new Dictionary<string, string[]> { [field] = [Message(amountDue)] }));
    }
}
