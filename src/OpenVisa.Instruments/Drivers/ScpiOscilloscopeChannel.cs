using System.Globalization;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers;

/// <summary>
/// One analog input of a SCPI oscilloscope (<c>ch1</c>, labelled <c>Channel 1</c>, named by its number in commands):
/// scale, offset, display, coupling, probe attenuation and the 20 MHz bandwidth limit, the same settings on every
/// family, with the commands and ranges of an <see cref="OscilloscopeChannelCommandSet"/>.
/// </summary>
public abstract class ScpiOscilloscopeChannel : InstrumentChannel, IOscilloscopeChannel
{
    /// <summary>Creates channel <paramref name="number"/> (from 1) of <paramref name="parent"/>.</summary>
    protected ScpiOscilloscopeChannel(InstrumentBase parent, int number, OscilloscopeChannelCommandSet commands)
        : base(parent, $"ch{number}", number.ToString(CultureInfo.InvariantCulture), $"Channel {number}")
    {
        ArgumentNullException.ThrowIfNull(commands);
        string Header(string template) => string.Format(CultureInfo.InvariantCulture, template, number);
        var scale = Header(commands.Scale);
        var offset = Header(commands.Offset);
        var display = Header(commands.Display);
        var coupling = Header(commands.Coupling);
        var probe = Header(commands.ProbeAttenuation);
        var bandwidth = Header(commands.BandwidthLimit);
        Scale = new Parameter<double>("scale", this) { Label = "Volts per division", Unit = "V", GetCommand = scale + "?", SetCommand = scale + " {0}", Validator = new Numbers(commands.MinScale, commands.MaxScale) };
        Offset = new Parameter<double>("offset", this) { Label = "Offset", Unit = "V", GetCommand = offset + "?", SetCommand = offset + " {0}" };
        Display = new Parameter<bool>("display", this) { Label = "Displayed", GetCommand = display + "?", SetCommand = display + " {0}", Mapping = commands.DisplayStates };
        Coupling = new Parameter<InputCoupling>("coupling", this) { Label = "Coupling", GetCommand = coupling + "?", SetCommand = coupling + " {0}", Mapping = commands.Couplings };
        ProbeAttenuation = new Parameter<double>("probe_attenuation", this) { Label = "Probe attenuation", GetCommand = probe + "?", SetCommand = probe + " {0}", Validator = commands.ProbeAttenuations };
        BandwidthLimit = new Parameter<bool>("bandwidth_limit", this) { Label = "20 MHz bandwidth limit", GetCommand = bandwidth + "?", SetCommand = bandwidth + " {0}", Mapping = commands.BandwidthLimitStates };
    }

    /// <inheritdoc/>
    public Parameter<double> Scale { get; }

    /// <inheritdoc/>
    public Parameter<double> Offset { get; }

    /// <inheritdoc/>
    public Parameter<bool> Display { get; }

    /// <inheritdoc/>
    public Parameter<InputCoupling> Coupling { get; }

    /// <summary>The probe ratio (10 for a 10:1 probe), one the family accepts.</summary>
    public Parameter<double> ProbeAttenuation { get; }

    /// <summary>Whether the 20 MHz bandwidth limit is on.</summary>
    public Parameter<bool> BandwidthLimit { get; }
}
