using OpenVisa.Instruments.Interfaces;

namespace OpenVisa.Instruments.Drivers;

/// <summary>
/// The base of the SCPI drivers: IEEE 488.2 common commands as methods and functions (<c>reset</c>, <c>clear_status</c>),
/// and the driver's defaults for terminations and timeout, which the caller's options override.
/// </summary>
public abstract class ScpiInstrument : Instrument, IInstrument
{
    /// <summary>Creates the driver; <paramref name="defaults"/> fill what <paramref name="options"/> leave unset.</summary>
    protected ScpiInstrument(string name, MessageBasedResource? resource, InstrumentOptions? options, InstrumentOptions defaults)
        : base(name, resource, InstrumentOptions.Merge(options, defaults))
    {
        _ = new InstrumentFunction("reset", this, "*RST") { Docstring = "Power-on settings." };
        _ = new InstrumentFunction("clear_status", this, "*CLS") { Docstring = "Clears the status registers and the error queue." };
    }

    /// <summary>The defaults most LAN/USB SCPI instruments want: replies end in LF, 5 s timeout.</summary>
    protected static InstrumentOptions LineFeedDefaults { get; } = new() { ReadTermination = "\n", WriteTermination = "\n", Timeout = TimeSpan.FromSeconds(5) };

    /// <inheritdoc/>
    public void Reset()
    {
        Write("*RST");
        Ask("*OPC?");
        InvalidateCache();
    }

    /// <inheritdoc/>
    public async ValueTask ResetAsync(CancellationToken cancellationToken = default)
    {
        await WriteAsync("*RST", cancellationToken).ConfigureAwait(false);
        await AskAsync("*OPC?", cancellationToken).ConfigureAwait(false);
        InvalidateCache();
    }

    /// <inheritdoc/>
    public void ClearStatus() => Write("*CLS");

    /// <summary>Waits until every pending operation has finished (<c>*OPC?</c>).</summary>
    public void WaitComplete() => Ask("*OPC?");

    /// <summary>Waits until every pending operation has finished (<c>*OPC?</c>).</summary>
    public async ValueTask WaitCompleteAsync(CancellationToken cancellationToken = default) =>
        await AskAsync("*OPC?", cancellationToken).ConfigureAwait(false);

    /// <summary>The channel at <paramref name="number"/> (from 1) of <paramref name="channels"/>, or a message naming the range.</summary>
    protected static TChannel ChannelAt<TChannel>(ChannelList<TChannel> channels, int number)
        where TChannel : InstrumentModule =>
        number >= 1 && number <= channels.Count
            ? channels[number - 1]
            : throw new ArgumentOutOfRangeException(nameof(number), number, $"{channels.Parent.FullName} has channels 1 to {channels.Count}.");
}
