using System.Data;
using DealDesk.Data.Transactions;

namespace DealDesk.Data.Deals;

/// <summary>
/// All writes that move vehicles between deals or hand out deal numbers run SERIALIZABLE and one
/// at a time per dealership (an advisory lock before BEGIN, see <see cref="TransactionSettings.SerializeOn"/>).
/// Different dealerships never wait for each other.
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
