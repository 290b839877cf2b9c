namespace DealDesk.Data.Errors;

/// <summary>Thrown by services to abort a unit of work with a typed error; the transaction rolls back.</summary>
public sealed class DealDeskException(AppError error, Exception? inner = null) : Exception(error.Message, inner)
{
    public AppError Error { get; } = error;
}
