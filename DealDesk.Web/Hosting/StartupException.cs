namespace DealDesk.Web.Hosting;

/// <summary>Start-up cannot go on; the message says why in one line.</summary>
internal sealed class StartupException(string message, int exitCode = 1, Exception? inner = null) : Exception(message, inner)
{
    public int ExitCode { get; } = exitCode;
}
