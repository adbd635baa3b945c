using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpenVisa.Managed.Discovery.Mdns;

/// <summary>
/// An mDNS responder for a fixed set of DNS-SD services (RFC 6762, RFC 6763): it announces them when started (twice,
/// a second apart), answers queries for the service types, the instances, the host's address and
/// <c>_services._dns-sd._udp.local</c> (multicast, or directly to a legacy one-shot querier), and says goodbye (TTL 0)
/// when disposed. It shares port 5353 with other responders (avahi-daemon) through SO_REUSEADDR.
/// </summary>
/// <remarks>It does not probe for name conflicts: instance names are the served instruments' names on a host name of its own.</remarks>
public sealed class MdnsAdvertiser : IDisposable
{
    private const uint ServiceTtl = 4500;
    private const uint HostTtl = 120;
    private static readonly DnsName ServicesName = DnsName.Parse("_services._dns-sd._udp.local");

    private readonly IReadOnlyList<MdnsAnnouncement> _services;
    private readonly DnsName _host;
    private readonly IReadOnlyList<IPAddress> _addresses;
    private readonly ILogger _logger;
    private readonly Socket _socket;
    private readonly Thread _thread;
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;

    private MdnsAdvertiser(IReadOnlyList<MdnsAnnouncement> services, string hostName, IReadOnlyList<IPAddress> addresses, ILogger logger)
    {
        _services = services;
        _host = DnsName.Parse(hostName.EndsWith(".local", StringComparison.OrdinalIgnoreCase) ? hostName : hostName + ".local");
        _addresses = addresses;
        _logger = logger;
        _socket = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
        try
        {
            _socket.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _socket.Bind(new IPEndPoint(IPAddress.Any, MdnsBrowser.Group.Port));
            foreach (var address in addresses)
                _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.AddMembership, new MulticastOption(MdnsBrowser.Group.Address, address));
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastTimeToLive, 255);
            _socket.SetSocketOption(SocketOptionLevel.IP, SocketOptionName.MulticastLoopback, true);
        }
        catch
        {
            _socket.Dispose();
            throw;
        }
        _thread = new Thread(Run) { IsBackground = true, Name = "OpenVisa mDNS responder" };
    }

    /// <summary>The host name the services point at, e.g. <c>bench-ovisa.local</c>.</summary>
    public string HostName => _host.ToString();

    /// <summary>The addresses the host name resolves to.</summary>
    public IReadOnlyList<IPAddress> Addresses => _addresses;

    /// <summary>
    /// Starts advertising <paramref name="services"/> under <paramref name="hostName"/> with <paramref name="addresses"/>
    /// (null: every IPv4 address of the interfaces that are up, loopback excluded).
    /// </summary>
    /// <exception cref="SocketException">Port 5353 or the multicast group cannot be used (no multicast route, no permission).</exception>
    public static MdnsAdvertiser Start(IReadOnlyList<MdnsAnnouncement> services, string hostName, IReadOnlyList<IPAddress>? addresses = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        var advertiser = new MdnsAdvertiser(services, hostName, addresses is { Count: > 0 } ? addresses : InterfaceAddresses(), logger ?? NullLogger.Instance);
        advertiser._thread.Start();
        advertiser.Announce(ServiceTtl, HostTtl);
        ThreadPool.QueueUserWorkItem(_ =>
        {
            // RFC 6762 §8.3: a second announcement one second later.
            if (!advertiser._stop.Token.WaitHandle.WaitOne(TimeSpan.FromSeconds(1)))
                advertiser.Announce(ServiceTtl, HostTtl);
        });
        return advertiser;
    }

    /// <summary>The IPv4 addresses of the interfaces that are up, loopback excluded (loopback alone when there is nothing else).</summary>
    public static IReadOnlyList<IPAddress> InterfaceAddresses()
    {
        var addresses = NetworkInterface.GetAllNetworkInterfaces()
            .Where(n => n.OperationalStatus == OperationalStatus.Up && n.NetworkInterfaceType != NetworkInterfaceType.Loopback && n.SupportsMulticast)
            .SelectMany(n => n.GetIPProperties().UnicastAddresses)
            .Select(a => a.Address)
            .Where(a => a.AddressFamily == AddressFamily.InterNetwork)
            .ToList();
        return addresses.Count > 0 ? addresses : [IPAddress.Loopback];
    }

    private void Run()
    {
        var buffer = new byte[9000];
        while (!_stop.IsCancellationRequested)
        {
            EndPoint from = new IPEndPoint(IPAddress.Any, 0);
            int count;
            try
            {
                count = _socket.ReceiveFrom(buffer, ref from);
            }
            catch (SocketException) when (_stop.IsCancellationRequested)
            {
                return;
            }
            catch (ObjectDisposedException)
            {
                return;
            }
            catch (SocketException e)
            {
                _logger.LogWarning("mDNS responder: receiving failed ({Error}); it keeps listening", e.Message);
                continue;
            }
            if (DnsMessage.TryParse(buffer.AsSpan(0, count)) is { IsResponse: false } query)
                Answer(query, (IPEndPoint)from);
        }
    }

    private void Answer(DnsMessage query, IPEndPoint from)
    {
        var legacy = from.Port != MdnsBrowser.Group.Port;
        var answers = new List<DnsRecord>();
        var additionals = new List<DnsRecord>();
        // Legacy unicast replies carry short TTLs and no cache-flush bit (RFC 6762 §6.7).
        var serviceTtl = legacy ? 10u : ServiceTtl;
        var hostTtl = legacy ? 10u : HostTtl;
        foreach (var question in query.Questions)
        {
            var type = question.Type;
            if (question.Name.Equals(ServicesName) && type is DnsType.Ptr or DnsType.Any)
            {
                foreach (var serviceType in _services.Select(s => s.ServiceType).Distinct(StringComparer.OrdinalIgnoreCase))
                    answers.Add(new DnsRecord(ServicesName, DnsType.Ptr, serviceTtl, Target: DnsName.Parse(serviceType)));
            }
            foreach (var service in _services)
            {
                var typeName = DnsName.Parse(service.ServiceType);
                var instance = DnsName.Prepend(service.InstanceName, typeName);
                if (question.Name.Equals(typeName) && type is DnsType.Ptr or DnsType.Any)
                {
                    answers.Add(new DnsRecord(typeName, DnsType.Ptr, serviceTtl, Target: instance));
                    additionals.AddRange(InstanceRecords(service, serviceTtl, hostTtl, !legacy));
                }
                else if (question.Name.Equals(instance) && type is DnsType.Srv or DnsType.Txt or DnsType.Any)
                {
                    answers.AddRange(InstanceRecords(service, serviceTtl, hostTtl, !legacy).Where(r => r.Type == type || type == DnsType.Any || r.Type == DnsType.A));
                }
            }
            if (question.Name.Equals(_host) && type is DnsType.A or DnsType.Any)
                answers.AddRange(HostRecords(hostTtl, !legacy));
        }
        if (answers.Count == 0)
            return;
        var reply = new DnsMessage(legacy ? query.Id : (ushort)0, true, legacy ? query.Questions : [], answers.Distinct().ToList(), additionals.Except(answers).Distinct().ToList());
        Send(reply, legacy || query.Questions.Any(q => q.UnicastResponse) ? from : MdnsBrowser.Group);
    }

    private IEnumerable<DnsRecord> InstanceRecords(MdnsAnnouncement service, uint serviceTtl, uint hostTtl, bool flush)
    {
        var instance = DnsName.Prepend(service.InstanceName, DnsName.Parse(service.ServiceType));
        yield return new DnsRecord(instance, DnsType.Srv, hostTtl, Target: _host, Port: service.Port, CacheFlush: flush);
        yield return new DnsRecord(instance, DnsType.Txt, serviceTtl, Text: service.Text, CacheFlush: flush);
        foreach (var record in HostRecords(hostTtl, flush))
            yield return record;
    }

    private IEnumerable<DnsRecord> HostRecords(uint ttl, bool flush) =>
        _addresses.Select(a => new DnsRecord(_host, DnsType.A, ttl, Address: a, CacheFlush: flush));

    /// <summary>Sends every record unsolicited; TTL 0 withdraws them.</summary>
    private void Announce(uint serviceTtl, uint hostTtl)
    {
        var answers = new List<DnsRecord>();
        foreach (var service in _services)
        {
            var typeName = DnsName.Parse(service.ServiceType);
            answers.Add(new DnsRecord(typeName, DnsType.Ptr, serviceTtl, Target: DnsName.Prepend(service.InstanceName, typeName)));
            answers.AddRange(InstanceRecords(service, serviceTtl, hostTtl, flush: true).Where(r => r.Type != DnsType.A));
        }
        answers.AddRange(HostRecords(hostTtl, flush: true));
        Send(new DnsMessage(0, true, [], answers, []), MdnsBrowser.Group);
    }

    private void Send(DnsMessage message, IPEndPoint to)
    {
        try
        {
            _socket.SendTo(message.ToBytes(), to);
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException)
        {
            _logger.LogWarning("mDNS responder: sending to {To} failed ({Error})", to, e.Message);
        }
    }

    /// <summary>Withdraws the services (a goodbye with TTL 0) and stops answering.</summary>
    public void Dispose()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
            return;
        _stop.Cancel();
        Announce(0, 0);
        _socket.Dispose();
        _thread.Join(TimeSpan.FromSeconds(5));
        _stop.Dispose();
    }
}
