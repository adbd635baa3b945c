namespace OpenVisa.Instruments.Drivers.RohdeSchwarz;

/// <summary>
/// Rohde &amp; Schwarz FPC1000/FPC1500 spectrum analysers (FPC user manual, remote commands of the spectrum
/// application): 5 kHz to 1 GHz (3 GHz with a key code), RBW 1 Hz to 3 MHz, 631 sweep points, traces 1 and 2.
/// </summary>
public sealed class RohdeSchwarzFpc : ScpiSpectrumAnalyzer
{
    /// <summary>The FPC1500 as delivered (1 GHz).</summary>
    public static readonly SpectrumAnalyzerModel Fpc1500 = new("FPC1500", 5e3, 1e9, 1, 3e6, 10, 3e6, -120, 30, 631, 2);

    /// <summary>Creates the driver (no I/O until used); <paramref name="model"/> defaults to the FPC1500.</summary>
    public RohdeSchwarzFpc(string name, MessageBasedResource? resource, SpectrumAnalyzerModel? model = null, InstrumentOptions? options = null)
        : base(name, resource, model ?? Fpc1500, options)
    {
    }
}
