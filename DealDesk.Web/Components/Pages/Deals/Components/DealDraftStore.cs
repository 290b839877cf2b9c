using Microsoft.AspNetCore.Components;

namespace DealDesk.Web.Components.Pages.Deals.Components;

/// <summary>
/// The open deal dialog's draft, held by the circuit rather than by the dialog. Registered as a persistent
/// service (.NET 10 circuit state persistence): when the circuit is paused (<c>Blazor.pauseCircuit()</c>) or
/// evicted after a long disconnection, <see cref="Draft"/> is saved with the circuit's state and restored into
/// the new circuit's store on <c>Blazor.resumeCircuit()</c>, where <see cref="DealDraftResume"/> reopens the
/// dialog with it. A reconnect to the same circuit needs none of this: the dialog is still open.
/// </summary>
public sealed class DealDraftStore
{
    /// <summary>The draft of the dialog that is open now; null when none is.</summary>
    [PersistentState]
    public DealDraft? Draft { get; set; }

    /// <summary>The vehicle the dialog was opened for, kept so a resumed dialog can still say so.</summary>
    [PersistentState]
    public Guid? OpenedForVehicleId { get; set; }

    public void Open(DealDraft draft, Guid? vehicleId)
    {
        Draft = draft;
        OpenedForVehicleId = vehicleId;
    }

    public void Close()
    {
        Draft = null;
        OpenedForVehicleId = null;
    }
}
