namespace OpenVisa.Instruments.Interfaces;

/// <summary>What every SCPI instrument driver offers, whatever its kind.</summary>
public interface IInstrument
{
    /// <summary>The instrument's name.</summary>
    string Name { get; }

    /// <summary>The identity from <c>*IDN?</c>.</summary>
    Parameter<InstrumentIdentity> Idn { get; }

    /// <summary>Returns the instrument to its power-on settings (<c>*RST</c>) and waits until it is done.</summary>
    void Reset();

    /// <summary>Returns the instrument to its power-on settings (<c>*RST</c>) and waits until it is done.</summary>
    ValueTask ResetAsync(CancellationToken cancellationToken = default);

    /// <summary>Clears the status registers and the error queue (<c>*CLS</c>).</summary>
    void ClearStatus();
}

/// <summary>An instrument with numbered channels (from 1).</summary>
/// <typeparam name="TChannel">The channel interface.</typeparam>
public interface IChannelled<out TChannel>
{
    /// <summary>How many channels there are.</summary>
    int ChannelCount { get; }

    /// <summary>Channel <paramref name="number"/>, counted from 1 as on the front panel.</summary>
    TChannel Channel(int number);
}
