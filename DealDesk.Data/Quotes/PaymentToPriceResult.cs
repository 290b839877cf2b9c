namespace DealDesk.Data.Quotes;

/// <summary>Which number moves so the payment meets the customer's target.</summary>
public enum RollbackLever { SellingPriceDiscount, DownPayment }

/// <summary>Why a target payment cannot be reached with the chosen lever.</summary>
public enum RollbackProblem
{
    /// <summary>The target is 0 or less.</summary>
    TargetNotPositive,
    /// <summary>A cash quote has no payment.</summary>
    NoPayment,
    /// <summary>Even with no discount the payment is below the target: it would need a negative discount (a markup).</summary>
    DiscountBelowZero,
    /// <summary>Even the largest possible discount (selling price 0, or a lease's cap cost down to the residual) leaves the payment above the target.</summary>
    DiscountTooLarge,
    /// <summary>Even with no down payment the payment is below the target.</summary>
    DownPaymentBelowZero,
    /// <summary>The target needs more down than the amount due.</summary>
    DownPaymentAboveAmountDue,
}

/// <summary>The answer of <see cref="PaymentToPrice.Solve"/>: <see cref="Solved"/> or <see cref="Infeasible"/>.</summary>
public abstract record PaymentToPriceResult
{
    PaymentToPriceResult() { }

    /// <summary>
    /// The quote with the lever moved, and its figures. <see cref="Exact"/>: the payment equals the target; otherwise
    /// no whole-cent lever value gives it and the payment is the nearest achievable cent below it.
    /// </summary>
    public sealed record Solved(QuoteInput Input, QuoteFigures Figures, bool Exact) : PaymentToPriceResult
    {
        public decimal Discount => Input.Discount;
        public decimal DownPayment => Figures.DownPayment;
        public decimal MonthlyPayment => Figures.MonthlyPayment ?? 0m;
        public decimal? FrontGross => Figures.FrontGross;
    }

    /// <summary>The target is out of the lever's reach. <see cref="ClosestPayment"/>: the payment at the lever's limit, when there is one.</summary>
    public sealed record Infeasible(RollbackProblem Problem, string Message, decimal? ClosestPayment) : PaymentToPriceResult;
}
