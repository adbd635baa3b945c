namespace OpenVisa.Fuzz.Wire;

/// <summary>The LAN protocols whose servers and clients are fuzzed on the wire.</summary>
public enum WireTransport
{
    /// <summary>Raw TCP with a termination character.</summary>
    Socket,

    /// <summary>ONC RPC over TCP (VXI-11 core channel).</summary>
    Vxi11,

    /// <summary>HiSLIP's synchronous and asynchronous channels.</summary>
    Hislip,
}
