using System.Runtime.InteropServices;

namespace OpenVisa.Cli.Shell;

/// <summary>
/// Ctrl-C in an interactive shell: while a command runs, SIGINT cancels that command (a pending read) instead of ending
/// the process; while a line is typed, the line editor takes Ctrl-C as a key. Only the interactive shell uses this, so
/// a piped shell still ends on SIGINT as any filter does.
/// </summary>
internal sealed class ShellInterrupt : IDisposable
{
    private static int s_active;
    private readonly PosixSignalRegistration _registration;
    private CancellationTokenSource? _running;

    public ShellInterrupt()
    {
        _registration = PosixSignalRegistration.Create(PosixSignal.SIGINT, OnInterrupt);
        Interlocked.Increment(ref s_active);
    }

    /// <summary>
    /// Whether an interactive shell in this process takes Ctrl-C: then SIGINT does not end the process, and other
    /// handlers (<c>ovisa record</c> closing its session files) must not act as if it did. Handlers of one signal run
    /// in no set order, so they ask this instead of looking at <see cref="PosixSignalContext.Cancel"/>.
    /// </summary>
    public static bool TakesCtrlC => Volatile.Read(ref s_active) > 0;

    /// <summary>A token that the next Ctrl-C cancels, for one command; dispose the source when the command ends.</summary>
    public CancellationTokenSource BeginCommand()
    {
        var source = new CancellationTokenSource();
        Volatile.Write(ref _running, source);
        return source;
    }

    /// <summary>Ends the command begun with <see cref="BeginCommand"/>.</summary>
    public void EndCommand(CancellationTokenSource source)
    {
        Interlocked.CompareExchange(ref _running, null, source);
        source.Dispose();
    }

    private void OnInterrupt(PosixSignalContext signal)
    {
        // Staying alive is the point: the shell keeps its session, and 'exit' or Ctrl-D ends it.
        signal.Cancel = true;
        try
        {
            Volatile.Read(ref _running)?.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // The command ended as the key was pressed; nothing is left to cancel.
        }
    }

    public void Dispose()
    {
        _registration.Dispose();
        Interlocked.Decrement(ref s_active);
    }
}
