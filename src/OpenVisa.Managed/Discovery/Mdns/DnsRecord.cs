using System.Net;

namespace OpenVisa.Managed.Discovery.Mdns;

/// <summary>DNS record types DNS-SD uses.</summary>
internal enum DnsType : ushort
{
    A = 1,
    Ptr = 12,
    Txt = 16,
    Aaaa = 28,
    Srv = 33,
    Any = 255,
}

/// <summary>A question: a name and the record type asked for.</summary>
internal sealed record DnsQuestion(DnsName Name, DnsType Type, bool UnicastResponse = false);

/// <summary>One resource record, its data decoded for the types DNS-SD uses (the others keep only their type).</summary>
/// <param name="Name">The owner name.</param>
/// <param name="Type">The record type.</param>
/// <param name="TimeToLive">Seconds the record stays valid; 0 withdraws it (an mDNS goodbye).</param>
/// <param name="Target">PTR: the instance; SRV: the host.</param>
/// <param name="Port">SRV: the port.</param>
/// <param name="Address">A and AAAA: the address.</param>
/// <param name="Text">TXT: the key=value strings.</param>
/// <param name="CacheFlush">mDNS: the cache-flush bit of the class field (unique records).</param>
internal sealed record DnsRecord(DnsName Name, DnsType Type, uint TimeToLive, DnsName? Target = null, int Port = 0, IPAddress? Address = null,
    IReadOnlyList<string>? Text = null, bool CacheFlush = false);
