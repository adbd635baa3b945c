using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;

namespace OpenVisa.Managed.Discovery.Mdns;

/// <summary>
/// A one-shot DNS-SD browser (RFC 6762 §5.1, RFC 6763): sends PTR questions for the service types to 224.0.0.251:5353
/// from an ephemeral port, so responders answer it directly (legacy unicast), collects PTR, SRV, TXT and A records until
/// the budget is spent, asks again for the SRV and address of instances whose answer lacked them, and returns the
/// complete instances. Needs no port 5353 of its own, so it works beside avahi-daemon.
/// </summary>
internal static class MdnsBrowser
{
    /// <summary>The mDNS group and port.</summary>
    public static readonly IPEndPoint Group = new(IPAddress.Parse("224.0.0.251"), 5353);

    /// <summary>Browses <paramref name="serviceTypes"/> for <paramref name="budget"/>; returns what answered, never throws for network trouble (it is logged).</summary>
    public static IReadOnlyList<MdnsServiceInstance> Browse(IReadOnlyList<string> serviceTypes, TimeSpan budget, ILogger logger, CancellationToken cancellationToken = default) =>
        Browse(serviceTypes, Environment.TickCount64 + (long)budget.TotalMilliseconds, logger, cancellationToken);

    /// <summary>
    /// Browses until <paramref name="deadline"/> (<see cref="Environment.TickCount64"/>): a deadline fixed by the caller
    /// before any set-up, so the first listing of a process (JIT, sockets, a thread) stays within the budget too.
    /// </summary>
    public static IReadOnlyList<MdnsServiceInstance> Browse(IReadOnlyList<string> serviceTypes, long deadline, ILogger logger, CancellationToken cancellationToken = default)
    {
        var resendAt = Environment.TickCount64 + (deadline - Environment.TickCount64) / 3;
        var records = new List<DnsRecord>();
        try
        {
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            socket.Bind(new IPEndPoint(IPAddress.Any, 0));
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 255);
            socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
            var id = (ushort)Random.Shared.Next(1, ushort.MaxValue);
            var questions = serviceTypes.Select(t => new DnsQuestion(DnsName.Parse(t), DnsType.Ptr)).ToList();
            Send(socket, new DnsMessage(id, false, questions, [], []));
            var asked = new HashSet<DnsName>();
            var resent = false;
            var buffer = new byte[9000];
            long now;
            while ((now = Environment.TickCount64) < deadline && !cancellationToken.IsCancellationRequested)
            {
                // One repeat of the question a third of the way in, in case the first was lost.
                if (!resent && now > resendAt)
                {
                    Send(socket, new DnsMessage(id, false, questions, [], []));
                    resent = true;
                }
                var wait = (int)Math.Clamp(Math.Min(deadline - now, resent ? int.MaxValue : resendAt - now + 1), 1, int.MaxValue);
                if (!socket.Poll(TimeSpan.FromMilliseconds(wait), SelectMode.SelectRead))
                    continue;
                EndPoint from = new IPEndPoint(IPAddress.Any, 0);
                var count = socket.ReceiveFrom(buffer, ref from);
                if (DnsMessage.TryParse(buffer.AsSpan(0, count)) is not { IsResponse: true } message)
                {
                    logger.LogDebug("mDNS: ignored a malformed or non-response packet of {Count} bytes from {From}", count, from);
                    continue;
                }
                records.AddRange(message.Records);
                AskForMissing(socket, id, records, asked);
            }
        }
        catch (SocketException e)
        {
            logger.LogDebug("mDNS browse stopped early: {Error} (no multicast route?)", e.Message);
        }
        return Assemble(serviceTypes, records);
    }

    /// <summary>Asks for the SRV and TXT of instances known only by their PTR, and the address of hosts known only by their SRV.</summary>
    private static void AskForMissing(Socket socket, ushort id, List<DnsRecord> records, HashSet<DnsName> asked)
    {
        var questions = new List<DnsQuestion>();
        foreach (var ptr in records.Where(r => r.Type == DnsType.Ptr && r.Target is not null))
        {
            if (!records.Any(r => r.Type == DnsType.Srv && r.Name.Equals(ptr.Target)) && asked.Add(ptr.Target!))
                questions.Add(new DnsQuestion(ptr.Target!, DnsType.Srv));
        }
        foreach (var srv in records.Where(r => r.Type == DnsType.Srv && r.Target is not null))
        {
            if (!records.Any(r => r.Type == DnsType.A && r.Name.Equals(srv.Target)) && asked.Add(srv.Target!))
                questions.Add(new DnsQuestion(srv.Target!, DnsType.A));
        }
        if (questions.Count > 0)
            Send(socket, new DnsMessage(id, false, questions, [], []));
    }

    /// <summary>Joins PTR → SRV → A/TXT into instances; withdrawn records (TTL 0) remove what they name.</summary>
    internal static IReadOnlyList<MdnsServiceInstance> Assemble(IReadOnlyList<string> serviceTypes, IReadOnlyList<DnsRecord> records)
    {
        var found = new List<MdnsServiceInstance>();
        foreach (var type in serviceTypes)
        {
            var typeName = DnsName.Parse(type);
            var instances = records.Where(r => r.Type == DnsType.Ptr && r.Name.Equals(typeName) && r.Target is not null).Select(r => r.Target!).Distinct();
            foreach (var instance in instances)
            {
                if (Latest(records, instance, DnsType.Ptr, typeName) is { TimeToLive: 0 })
                    continue; // a goodbye
                var srv = records.LastOrDefault(r => r.Type == DnsType.Srv && r.Name.Equals(instance));
                if (srv?.Target is null || srv.TimeToLive == 0)
                    continue;
                var address = records.LastOrDefault(r => r.Type == DnsType.A && r.Name.Equals(srv.Target) && r.TimeToLive > 0)?.Address;
                var text = records.LastOrDefault(r => r.Type == DnsType.Txt && r.Name.Equals(instance))?.Text ?? [];
                found.Add(new MdnsServiceInstance(InstanceName(instance, typeName), type, srv.Target.ToString(), srv.Port, address, text));
            }
        }
        return found;
    }

    /// <summary>
    /// The instance's own part: every label in front of the service type. Normally one label (dots and all), but some
    /// announcers (python-zeroconf) split an instance name holding a dot into several labels; joined back with dots,
    /// both read as the name the instrument was given.
    /// </summary>
    internal static string InstanceName(DnsName instance, DnsName serviceType)
    {
        var own = instance.Labels.Count - serviceType.Labels.Count;
        return own > 0 ? string.Join('.', instance.Labels.Take(own)) : instance.ToString();
    }

    private static DnsRecord? Latest(IReadOnlyList<DnsRecord> records, DnsName instance, DnsType type, DnsName owner) =>
        records.LastOrDefault(r => r.Type == type && r.Name.Equals(owner) && instance.Equals(r.Target));

    private static void Send(Socket socket, DnsMessage message)
    {
        var bytes = message.ToBytes();
        socket.SendTo(bytes, Group);
    }
}
