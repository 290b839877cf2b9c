namespace DealDesk.Web.Components.Pages.Monitoring.Components;

/// <summary>A tile's colour: nothing to judge, fine, worth a look, act now.</summary>
public enum TileStatus { Neutral, Ok, Warning, Bad }

/// <summary>Whose number a tile shows: this app instance's or the database's (every instance and client).</summary>
public enum TileScope { Instance, Database }
