using System.Net;
using OpenVisa.Managed.Tcpip.Vxi11;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Managed.Tests.Vxi11;

/// <summary>One client cannot take every link or pile up unread replies without bound (issue 18, items 7 and 9).</summary>
public sealed class Vxi11FairnessTests
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task Links_beyond_the_per_connection_limit_get_error_9_and_another_connection_still_links()
    {
        await using var server = new Vxi11InstrumentServer([new("inst0", new Vxi11TestDevice())], new Vxi11ServerOptions
        {
            Portmapper = Vxi11PortmapperMode.None,
            MaxLinksPerConnection = 2,
        });
        server.Start();
        using var greedy = RpcTcpClient.Connect(server.LocalEndPoint, Vxi11Protocol.CoreProgram, 1, Timeout);
        Assert.Equal(Vxi11ErrorCode.NoError, CreateLink(greedy));
        Assert.Equal(Vxi11ErrorCode.NoError, CreateLink(greedy));
        Assert.Equal(Vxi11ErrorCode.OutOfResources, CreateLink(greedy));

        using var other = Open(server);
        Assert.Equal("mine\n", Vxi11Bench.Query(other, "ECHO mine"));
    }

    [Fact]
    public async Task Writes_are_refused_with_error_9_while_too_many_reply_bytes_are_unread_and_accepted_once_they_are_read()
    {
        await using var server = new Vxi11InstrumentServer([new("inst0", new Vxi11TestDevice())], new Vxi11ServerOptions
        {
            Portmapper = Vxi11PortmapperMode.None,
            MaxUnreadReplyBytes = 1000,
        });
        server.Start();
        using var client = Open(server);
        var text = new string('x', 600);
        Vxi11Bench.Write(client, "ECHO " + text);
        Vxi11Bench.Write(client, "ECHO " + text); // 1,202 bytes unread now: over the limit

        var refused = Assert.Throws<VisaException>(() => Vxi11Bench.Write(client, "ECHO third"));
        Assert.Equal(StatusCode.ErrorAllocation, refused.Status);
        Assert.Contains("error 9 (out of resources)", refused.Message);

        Assert.Equal(text + "\n", Vxi11Bench.Read(client));
        Assert.Equal(text + "\n", Vxi11Bench.Read(client));
        Assert.Equal("third\n", Vxi11Bench.Query(client, "ECHO third"));
    }

    private static Vxi11ErrorCode CreateLink(RpcTcpClient rpc)
    {
        var call = rpc.BeginCall(Vxi11Protocol.CreateLink);
        call.WriteInt32(1);
        call.WriteBool(false);
        call.WriteUInt32(0);
        call.WriteString("inst0");
        return (Vxi11ErrorCode)new XdrReader(rpc.Invoke(Timeout)).ReadUInt32("error");
    }

    private static Vxi11Client Open(Vxi11InstrumentServer server) =>
        Vxi11Client.Open(new Vxi11Target("127.0.0.1", server.LocalEndPoint.Port, "inst0"), Timeout, false, TimeSpan.Zero, Dns.GetHostAddresses, "TCPIP::127.0.0.1::inst0::INSTR");
}
