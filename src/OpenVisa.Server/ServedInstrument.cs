using OpenVisa.Managed.Server;

namespace OpenVisa.Server;

/// <summary>One instrument an <see cref="InstrumentServer"/> serves.</summary>
/// <param name="Name">Its name: the canonical resource name it was opened as, or a name of your choosing.</param>
/// <param name="Device">The device that answers.</param>
public sealed record ServedInstrument(string Name, IMessageDevice Device);

/// <summary>Where one instrument is reachable.</summary>
/// <param name="Instrument">The instrument's name.</param>
/// <param name="Protocol"><c>SOCKET</c> or <c>VXI-11</c>.</param>
/// <param name="ResourceName">The VISA resource name a client opens, e.g. <c>TCPIP::127.0.0.1::inst0::INSTR</c>.</param>
public sealed record ServedEndpoint(string Instrument, string Protocol, string ResourceName);
