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
}
