namespace OpenVisa.Instruments.Drivers.Rigol;

/// <summary>
/// Rigol DSA800 spectrum analysers (DSA815: 9 kHz to 1.5 GHz; DSA800 programming guide). Every sweep has 601
/// points; the RBW runs from 100 Hz to 1 MHz (10 Hz with the EMI option), the VBW from 1 Hz to 3 MHz.
/// </summary>
public sealed class RigolDsa800 : ScpiSpectrumAnalyzer
{
    /// <summary>The DSA815's limits.</summary>
    public static readonly SpectrumAnalyzerModel Dsa815 = new("DSA815", 9e3, 1.5e9, 10, 1e6, 1, 3e6, -100, 20, 601, 3);

    /// <summary>The DSA832's limits (3.2 GHz).</summary>
    public static readonly SpectrumAnalyzerModel Dsa832 = new("DSA832", 9e3, 3.2e9, 10, 1e6, 1, 3e6, -100, 20, 601, 3);

    /// <summary>Creates the driver (no I/O until used); <paramref name="model"/> defaults to the DSA815.</summary>
    public RigolDsa800(string name, MessageBasedResource? resource, SpectrumAnalyzerModel? model = null, InstrumentOptions? options = null)
        : base(name, resource, model ?? Dsa815, options)
    {
    }
}
