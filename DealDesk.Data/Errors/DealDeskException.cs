namespace DealDesk.Data.Errors;

/// <summary>Thrown by services to abort a unit of work with a typed error; the transaction rolls back.</summary>
public sealed class DealDeskException(AppError error) : Exception(error.Message)
{
    public AppError Error { get; } = error;
}
