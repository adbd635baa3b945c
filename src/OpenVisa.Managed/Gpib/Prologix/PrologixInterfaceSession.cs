using System.Text;
using OpenVisa.Managed.Sessions;

namespace OpenVisa.Managed.Gpib.Prologix;

/// <summary>
/// A <c>PRLGX-TCPIPn::host::port::INTFC</c> or <c>PRLGX-ASRLn::device::INTFC</c> session: opens the adapter and binds
/// GPIB board n to it while it stays open, as pyvisa-py does, so <c>GPIBn::pad::INSTR</c> goes through it. Its own
/// writes go to the adapter as they are (<c>++ver</c>), and its reads return the adapter's reply lines.
/// </summary>
internal sealed class PrologixInterfaceSession : ManagedSession
{
    private readonly PrologixAdapter _adapter;
    private readonly PrologixEndpoint _endpoint;
    private readonly int _board;

    private PrologixInterfaceSession(SessionOpening opening, PrologixAdapter adapter, PrologixEndpoint endpoint, int board)
        : base(opening)
    {
        _adapter = adapter;
        _endpoint = endpoint;
        _board = board;
    }

    /// <inheritdoc/>
    public override string InterfaceDescription => "Prologix INTFC";

    public static PrologixInterfaceSession Open(SessionOpening opening)
    {
        var endpoint = PrologixEndpoint.From(opening.Name);
        var adapter = PrologixAdapters.Acquire(endpoint, opening);
        var board = opening.Name.BoardNumber ?? 0;
        PrologixAdapters.Bind(board, endpoint);
        return new PrologixInterfaceSession(opening, adapter, endpoint, board);
    }

    /// <inheritdoc/>
    public override int Write(ReadOnlySpan<byte> data)
    {
        _adapter.SendRaw(data, ResourceName);
        return data.Length;
    }

    /// <inheritdoc/>
    public override ReadResult Read(Span<byte> buffer)
    {
        var line = Encoding.Latin1.GetBytes(_adapter.ReadRawLine(TimeoutMilliseconds, ResourceName) + "\n");
        var count = Math.Min(line.Length, buffer.Length);
        line.AsSpan(0, count).CopyTo(buffer);
        return new ReadResult(count, count == line.Length ? StatusCode.SuccessTerminationCharacterRead : StatusCode.SuccessMaxCountRead);
    }

    /// <inheritdoc/>
    protected override void Close()
    {
        PrologixAdapters.Unbind(_board, _endpoint);
        PrologixAdapters.Release(_adapter);
    }
}
