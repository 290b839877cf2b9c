namespace DealDesk.Bench;

/// <summary>
/// The 1/5/15-minute load averages (Linux /proc/loadavg). Recorded with the results: on a small machine
/// other processes (builds, test runs) competing for the cores move every number in the table.
/// </summary>
public static class MachineLoad
{
    public static string Read()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ', StringSplitOptions.RemoveEmptyEntries);
            return fields.Length >= 3 ? string.Join(" / ", fields[..3]) : "n/a";
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return "n/a";
        }
    }
}
