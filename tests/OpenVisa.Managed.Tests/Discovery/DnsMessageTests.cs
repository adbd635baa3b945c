using System.Net;
using OpenVisa.Managed.Discovery.Mdns;

namespace OpenVisa.Managed.Tests.Discovery;

/// <summary>The DNS codec of the mDNS browser and advertiser: round trips, compression, and packets that must be refused.</summary>
public sealed class DnsMessageTests
{
    private static readonly DnsName Type = DnsName.Parse("_hislip._tcp.local");
    private static readonly DnsName Instance = DnsName.Prepend("Scope 1.2", Type);
    private static readonly DnsName Host = DnsName.Parse("scope.local");

    [Fact]
    public void A_response_survives_a_round_trip_with_an_instance_name_holding_dots()
    {
        var message = new DnsMessage(7, true, [],
            [new DnsRecord(Type, DnsType.Ptr, 4500, Target: Instance)],
            [
                new DnsRecord(Instance, DnsType.Srv, 120, Target: Host, Port: 4881, CacheFlush: true),
                new DnsRecord(Instance, DnsType.Txt, 4500, Text: ["Manufacturer=Fake", "Model=S1"]),
                new DnsRecord(Host, DnsType.A, 120, Address: IPAddress.Parse("10.1.2.3"), CacheFlush: true),
            ]);

        var parsed = DnsMessage.TryParse(message.ToBytes());

        Assert.NotNull(parsed);
        Assert.True(parsed.IsResponse);
        var services = MdnsBrowser.Assemble([LxiServiceTypes.Hislip], [.. parsed.Records]);
        var service = Assert.Single(services);
        Assert.Equal("Scope 1.2", service.InstanceName);
        Assert.Equal(4881, service.Port);
        Assert.Equal(["Manufacturer=Fake", "Model=S1"], service.Text);
        Assert.Equal(ResourceName.Parse("TCPIP::10.1.2.3::hislip0,4881::INSTR").Canonical, service.ResourceName);
    }

    [Fact]
    public void Compressed_names_are_followed_and_a_goodbye_withdraws_the_instance()
    {
        // Header, then the PTR answer whose target points back at the owner name ("_lxi._tcp.local" at offset 12).
        byte[] packet =
        [
            0, 0, 0x84, 0, 0, 0, 0, 1, 0, 0, 0, 0,
            4, (byte)'_', (byte)'l', (byte)'x', (byte)'i', 4, (byte)'_', (byte)'t', (byte)'c', (byte)'p', 5, (byte)'l', (byte)'o', (byte)'c', (byte)'a', (byte)'l', 0,
            0, 12, 0, 1, 0, 0, 0, 0, 0, 5, 2, (byte)'M', (byte)'1', 0xC0, 12,
        ];

        var parsed = DnsMessage.TryParse(packet);

        var ptr = Assert.Single(parsed!.Answers);
        Assert.Equal("_lxi._tcp.local", ptr.Name.ToString());
        Assert.Equal("M1._lxi._tcp.local", ptr.Target!.ToString());
        Assert.Equal(0u, ptr.TimeToLive);
        var srv = new DnsRecord(ptr.Target, DnsType.Srv, 120, Target: Host, Port: 80);
        Assert.Empty(MdnsBrowser.Assemble([LxiServiceTypes.Lxi], [ptr, srv])); // TTL 0: withdrawn
    }

    [Fact]
    public void An_instance_name_split_at_its_dot_into_two_labels_reads_back_whole()
    {
        // python-zeroconf writes "Fake Scope 1.2._hislip._tcp.local." as the labels "Fake Scope 1", "2", "_hislip", …
        var split = new DnsName(["Fake Scope 1", "2", .. Type.Labels]);
        var records = new[]
        {
            new DnsRecord(Type, DnsType.Ptr, 4500, Target: split),
            new DnsRecord(split, DnsType.Srv, 120, Target: Host, Port: 4880),
        };

        var service = Assert.Single(MdnsBrowser.Assemble([LxiServiceTypes.Hislip], records));

        Assert.Equal("Fake Scope 1.2", service.InstanceName);
        Assert.Equal("Scope 1.2", MdnsBrowser.InstanceName(Instance, Type));
    }

    [Theory]
    [InlineData("0000840000000001000000")] // shorter than a header
    [InlineData("000084000000000100000000c00c000c0001000000000002c00c")] // a name pointing at itself
    [InlineData("0000840000000001000000000400")] // a label running past the end
    [InlineData("000084000000000100000000000c0001000000000050c00c")] // record data longer than the packet
    public void Malformed_packets_are_refused_not_half_read(string hex)
    {
        Assert.Null(DnsMessage.TryParse(Convert.FromHexString(hex)));
    }
}
