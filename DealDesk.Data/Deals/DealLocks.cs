using System.Data;
using DealDesk.Data.Transactions;

namespace DealDesk.Data.Deals;

/// <summary>
/// All writes that move vehicles between deals or hand out deal numbers run SERIALIZABLE and one
/// at a time per dealership (an advisory lock before BEGIN, see <see cref="TransactionSettings.SerializeOn"/>).
/// Gapless per-day numbers need that anyway: the next number is not known until the previous
/// deal commits or rolls back. Different dealerships never wait for each other's lock.
/// </summary>
public static class DealLocks
{
    private const int DealWrites = 0x44_45_41_4C; // "DEAL"

    public static TransactionSettings For(Guid dealershipId) => new()
    {
        IsolationLevel = IsolationLevel.Serializable,
        SerializeOn = new SerializationKey(DealWrites, dealershipId.ToString()),
    };
}
