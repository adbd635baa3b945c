using System.Globalization;
using OpenVisa.Instruments.Interfaces;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Drivers;

/// <summary>
/// The swept spectrum analysers that share the SCPI spectrum command set (<c>[:SENSe]:FREQuency:CENTer</c>,
/// <c>[:SENSe]:BANDwidth:RESolution</c>, <c>:DISPlay:WINdow:TRACe:Y:SCALe:RLEVel</c>, <c>:FORMat REAL,32</c>,
/// <c>:TRACe:DATA? TRACE1</c>), as the Rigol DSA800 and the R&amp;S FPC do. Traces are read as IEEE 488.2 blocks of
/// 32-bit floats, which is both faster and exact, and come back with their frequency axis; <see cref="Spectrum"/> is
/// the same trace as a QCoDeS-style parameter with setpoints.
/// </summary>
public abstract class ScpiSpectrumAnalyzer : ScpiInstrument, ISpectrumAnalyzer
{
    private readonly SemaphoreSlim _trace = new(1, 1);

    /// <summary>Creates the driver for <paramref name="model"/> (no I/O until used).</summary>
    protected ScpiSpectrumAnalyzer(string name, MessageBasedResource? resource, SpectrumAnalyzerModel model, InstrumentOptions? options)
        : base(name, resource, options, LineFeedDefaults with { Timeout = TimeSpan.FromSeconds(10) })
    {
        Model = model ?? throw new ArgumentNullException(nameof(model));
        var frequencies = new Numbers(model.MinFrequency, model.MaxFrequency);
        CenterFrequency = new Parameter<double>("center_frequency", this) { Label = "Centre frequency", Unit = "Hz", GetCommand = ":SENS:FREQ:CENT?", SetCommand = ":SENS:FREQ:CENT {0}", Validator = frequencies };
        Span = new Parameter<double>("span", this) { Label = "Span", Unit = "Hz", GetCommand = ":SENS:FREQ:SPAN?", SetCommand = ":SENS:FREQ:SPAN {0}", Validator = new Numbers(0, model.MaxFrequency - model.MinFrequency) };
        StartFrequency = new Parameter<double>("start_frequency", this) { Label = "Start frequency", Unit = "Hz", GetCommand = ":SENS:FREQ:STAR?", SetCommand = ":SENS:FREQ:STAR {0}", Validator = frequencies };
        StopFrequency = new Parameter<double>("stop_frequency", this) { Label = "Stop frequency", Unit = "Hz", GetCommand = ":SENS:FREQ:STOP?", SetCommand = ":SENS:FREQ:STOP {0}", Validator = frequencies };
        ResolutionBandwidth = new Parameter<double>("resolution_bandwidth", this) { Label = "Resolution bandwidth", Unit = "Hz", GetCommand = ":SENS:BAND:RES?", SetCommand = ":SENS:BAND:RES {0}", Validator = new Numbers(model.MinResolutionBandwidth, model.MaxResolutionBandwidth) };
        VideoBandwidth = new Parameter<double>("video_bandwidth", this) { Label = "Video bandwidth", Unit = "Hz", GetCommand = ":SENS:BAND:VID?", SetCommand = ":SENS:BAND:VID {0}", Validator = new Numbers(model.MinVideoBandwidth, model.MaxVideoBandwidth) };
        ReferenceLevel = new Parameter<double>("reference_level", this) { Label = "Reference level", Unit = "dBm", GetCommand = ":DISP:WINDOW:TRAC:Y:RLEV?", SetCommand = ":DISP:WINDOW:TRAC:Y:RLEV {0}", Validator = new Numbers(model.MinReferenceLevel, model.MaxReferenceLevel) };
        ContinuousSweep = new Parameter<bool>("continuous_sweep", this) { Label = "Continuous sweep", GetCommand = ":INIT:CONT?", SetCommand = ":INIT:CONT {0}", Mapping = ValueMapping.OnOff("1", "0").AddReplyAlias("ON", true).AddReplyAlias("OFF", false) };
        SweepPoints = new Parameter<int>("sweep_points", this)
        {
            Label = "Sweep points",
            Getter = () => Model.SweepPoints,
            Docstring = "Fixed by the instrument; every trace read is checked against it.",
        };
        Frequencies = new Parameter<double[]>("frequency_axis", this)
        {
            Label = "Frequency",
            Unit = "Hz",
            Getter = ReadFrequencyAxis,
            SnapshotGet = false,
            SnapshotValue = false,
        };
        Spectrum = new ParameterWithSetpoints("spectrum", [Frequencies], this)
        {
            Label = "Trace 1",
            Unit = "dBm",
            Getter = () => ReadTrace(1).Levels,
        };
    }

    /// <summary>The model's limits.</summary>
    public SpectrumAnalyzerModel Model { get; }

    /// <inheritdoc/>
    public Parameter<double> CenterFrequency { get; }

    /// <inheritdoc/>
    public Parameter<double> Span { get; }

    /// <inheritdoc/>
    public Parameter<double> StartFrequency { get; }

    /// <inheritdoc/>
    public Parameter<double> StopFrequency { get; }

    /// <inheritdoc/>
    public Parameter<double> ResolutionBandwidth { get; }

    /// <inheritdoc/>
    public Parameter<double> VideoBandwidth { get; }

    /// <inheritdoc/>
    public Parameter<double> ReferenceLevel { get; }

    /// <summary>Whether the analyser sweeps continuously (off: one sweep per <see cref="SingleSweep"/>).</summary>
    public Parameter<bool> ContinuousSweep { get; }

    /// <summary>How many points a sweep has.</summary>
    public Parameter<int> SweepPoints { get; }

    /// <summary>The frequency of every sweep point, from the start and stop frequencies the analyser reports now.</summary>
    public Parameter<double[]> Frequencies { get; }

    /// <summary>Trace 1 in dBm against <see cref="Frequencies"/>.</summary>
    public ParameterWithSetpoints Spectrum { get; }

    /// <inheritdoc/>
    public void SingleSweep()
    {
        Write(":INIT:CONT 0");
        Write(":INIT:IMM");
        Ask("*OPC?");
        ContinuousSweep.Cache.Set(false);
    }

    /// <inheritdoc/>
    public async ValueTask SingleSweepAsync(CancellationToken cancellationToken = default)
    {
        await WriteAsync(":INIT:CONT 0", cancellationToken).ConfigureAwait(false);
        await WriteAsync(":INIT:IMM", cancellationToken).ConfigureAwait(false);
        await AskAsync("*OPC?", cancellationToken).ConfigureAwait(false);
        ContinuousSweep.Cache.Set(false);
    }

    /// <summary>Puts marker 1 on the highest point of the trace and returns its frequency (Hz) and level (dBm).</summary>
    public (double Frequency, double Level) PeakSearch()
    {
        Write(":CALC:MARK1:STAT ON");
        Write(":CALC:MARK1:MAX");
        var frequency = ScpiReplies.Number(Ask(":CALC:MARK1:X?"), ":CALC:MARK1:X?");
        var level = ScpiReplies.Number(Ask(":CALC:MARK1:Y?"), ":CALC:MARK1:Y?");
        return (frequency, level);
    }

    /// <inheritdoc/>
    public SpectrumTrace ReadTrace(int trace = 1)
    {
        CheckTrace(trace);
        _trace.Wait();
        try
        {
            Write(":FORM REAL,32");
            var levels = AskBinaryValues<float>($":TRAC:DATA? TRACE{trace}", bigEndian: false);
            var start = ScpiReplies.Number(Ask(":SENS:FREQ:STAR?"), ":SENS:FREQ:STAR?");
            var stop = ScpiReplies.Number(Ask(":SENS:FREQ:STOP?"), ":SENS:FREQ:STOP?");
            return ToTrace(trace, levels, start, stop);
        }
        finally
        {
            _trace.Release();
        }
    }

    /// <inheritdoc/>
    public async ValueTask<SpectrumTrace> ReadTraceAsync(int trace = 1, CancellationToken cancellationToken = default)
    {
        CheckTrace(trace);
        await _trace.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await WriteAsync(":FORM REAL,32", cancellationToken).ConfigureAwait(false);
            var levels = await AskBinaryValuesAsync<float>($":TRAC:DATA? TRACE{trace}", bigEndian: false, cancellationToken: cancellationToken).ConfigureAwait(false);
            var start = ScpiReplies.Number(await AskAsync(":SENS:FREQ:STAR?", cancellationToken).ConfigureAwait(false), ":SENS:FREQ:STAR?");
            var stop = ScpiReplies.Number(await AskAsync(":SENS:FREQ:STOP?", cancellationToken).ConfigureAwait(false), ":SENS:FREQ:STOP?");
            return ToTrace(trace, levels, start, stop);
        }
        finally
        {
            _trace.Release();
        }
    }

    private double[] ReadFrequencyAxis()
    {
        var start = StartFrequency.Get();
        var stop = StopFrequency.Get();
        var points = Model.SweepPoints;
        return [.. Enumerable.Range(0, points).Select(i => start + (i * (stop - start) / (points - 1)))];
    }

    private void CheckTrace(int trace)
    {
        if (trace < 1 || trace > Model.TraceCount)
            throw new ArgumentOutOfRangeException(nameof(trace), trace, $"{Name} has traces 1 to {Model.TraceCount}.");
    }

    private SpectrumTrace ToTrace(int trace, float[] levels, double start, double stop)
    {
        // A block of another length means the format or the model is not what this driver expects; scaling it
        // against the frequency axis would put every point at the wrong frequency.
        if (levels.Length != Model.SweepPoints)
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"{Name}: TRACE{trace} returned {levels.Length} points, but the {Model.Model} sweeps {Model.SweepPoints}; check the data format (FORM REAL,32) and the model."));
        return new SpectrumTrace(trace, [.. levels.Select(l => (double)l)], start, stop);
    }
}
