namespace OpenVisa.Perf;

/// <summary>The clients the harness compares, as the JSON results name them.</summary>
internal static class PerfClientKinds
{
    /// <summary>OpenVisa's <see cref="MessageBasedResource"/>: the client being measured.</summary>
    public const string OpenVisa = "openvisa";

    /// <summary>A bare socket speaking the wire protocol: the physical limit.</summary>
    public const string Raw = "raw";

    /// <summary>Debian's pyvisa-py, run with Debian's Python.</summary>
    public const string PyvisaPy = "pyvisa-py";

    /// <summary>
    /// OpenVisa's front end over <c>@ivi</c> over a VISA shared library (libopenvisa, itself over <c>@managed</c>): the same
    /// client code as <see cref="OpenVisa"/>, so the difference is what the C API hop costs.
    /// </summary>
    public const string Ivi = "ivi";

    /// <summary>Debian's PyVISA over its own <c>@ivi</c> ctypes wrapper, loading the same VISA library: the same script as <see cref="PyvisaPy"/>.</summary>
    public const string PyvisaIvi = "pyvisa-ivi";
}
