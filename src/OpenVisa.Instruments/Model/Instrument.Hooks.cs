namespace OpenVisa.Instruments;

/// <summary>The instrument-wide hook called after parameter sets.</summary>
public partial class Instrument
{
    /// <summary>
    /// Called after every successful set (each ramp step) of any parameter of this instrument, its channels and
    /// submodules included, whose own <see cref="Parameter{T}.OnSet"/> is null; with the parameter and the value set.
    /// A logbook of every change on a bench, say (QCoDeS's class-wide on-set callback, per instrument here).
    /// </summary>
    public Action<ParameterBase, object?>? OnParameterSet { get; set; }
}
