namespace DealDesk.Data.Notifications;

/// <summary>The keys of <see cref="Change.Data"/> (values are strings: ids as "D" guids, statuses as stored).</summary>
public static class ChangeKeys
{
    public const string What = "what";
    public const string DealId = "dealId";
    public const string DealNumber = "dealNumber";
    public const string State = "state";
    public const string Status = "status";
    public const string VehicleId = "vehicleId";
    public const string PreviousVehicleId = "previousVehicleId";
    public const string CustomerId = "customerId";
    public const string PreviousCustomerId = "previousCustomerId";
    public const string SalespersonId = "salespersonId";
    public const string Version = "version";
    public const string Fields = "fields";
    public const string By = "by";
    public const string QuoteId = "quoteId";

    /// <summary>"true" when the publisher dropped Data to fit the NOTIFY size limit (see <see cref="ChangePayload"/>).</summary>
    public const string Truncated = "truncated";

    /// <summary>The values of <see cref="What"/> on <see cref="ChangeKinds.DealChanged"/>.</summary>
    public static class Aspects
    {
        public const string Vehicle = "vehicle";
        public const string Customer = "customer";
        public const string State = "state";
        /// <summary>A quote of the deal was added, deleted or made active; Data.quoteId names it.</summary>
        public const string Quotes = "quotes";
    }
}
