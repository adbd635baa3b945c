namespace OpenVisa.Managed.Tcpip.Vxi11.Portmap;

/// <summary>The portmapper protocol, version 2 (RFC 1833 §3): program number, procedures, transport numbers.</summary>
internal static class Portmap
{
    public const uint Program = 100000;
    public const uint Version = 2;

    /// <summary>The well-known portmapper port.</summary>
    public const int WellKnownPort = 111;

    public const uint ProcedureNull = 0;
    public const uint ProcedureSet = 1;
    public const uint ProcedureUnset = 2;
    public const uint ProcedureGetPort = 3;
    public const uint ProcedureDump = 4;

    /// <summary>IPPROTO_TCP.</summary>
    public const uint Tcp = 6;

    /// <summary>IPPROTO_UDP.</summary>
    public const uint Udp = 17;

    /// <summary>"TCP", "UDP" or the number, for messages.</summary>
    public static string ProtocolName(uint protocol) => protocol switch
    {
        Tcp => "TCP",
        Udp => "UDP",
        _ => protocol.ToString(System.Globalization.CultureInfo.InvariantCulture),
    };
}

/// <summary>One portmapper mapping: a program version on a transport is at a port.</summary>
/// <param name="Program">The RPC program number.</param>
/// <param name="Version">The program version.</param>
/// <param name="Protocol"><see cref="Portmap.Tcp"/> or <see cref="Portmap.Udp"/>.</param>
/// <param name="Port">The port; 0 in a query.</param>
internal readonly record struct PortmapMapping(uint Program, uint Version, uint Protocol, uint Port)
{
    public void Write(Rpc.XdrWriter writer)
    {
        writer.WriteUInt32(Program);
        writer.WriteUInt32(Version);
        writer.WriteUInt32(Protocol);
        writer.WriteUInt32(Port);
    }

    public static PortmapMapping Read(ref Rpc.XdrReader reader) =>
        new(reader.ReadUInt32("program"), reader.ReadUInt32("version"), reader.ReadUInt32("protocol"), reader.ReadUInt32("port"));

    public override string ToString() => $"program 0x{Program:X} v{Version} {Portmap.ProtocolName(Protocol)} port {Port}";
}
