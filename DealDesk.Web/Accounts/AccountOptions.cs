namespace DealDesk.Web.Accounts;

/// <summary>The "Accounts" configuration section.</summary>
public sealed class AccountOptions
{
    /// <summary>
    /// How often an open circuit re-checks its user (one small query per circuit per interval). A minute
    /// bounds how long a locked-out or re-roled user keeps a page open; new requests see it at once.
    /// </summary>
    public TimeSpan RevalidationInterval { get; set; } = TimeSpan.FromMinutes(1);
}
