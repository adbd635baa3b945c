using System.Globalization;
using System.Security.Cryptography;
using OpenVisa.Perf;
using OpenVisa.Managed.Tcpip.Socket;

namespace OpenVisa.Interop.Tests;

/// <summary>Debian's pyvisa-py and OpenVisa read the same binary block from the same <see cref="SocketInstrumentServer"/>.</summary>
public sealed class PyvisaPyBlockInteropTests
{
    private const int BlockBytes = 1 << 20;

    // pyvisa-py reads DATA? as unsigned bytes, then *IDN? again, which shows nothing of the block was left behind.
    private const string Client = """
        import hashlib, sys, pyvisa
        rm = pyvisa.ResourceManager('@py')
        inst = rm.open_resource(sys.argv[1], read_termination='\n', write_termination='\n', timeout=60000)
        print(inst.query('*IDN?'))
        data = inst.query_binary_values('DATA?', datatype='B', container=bytes)
        print(len(data))
        print(hashlib.sha256(data).hexdigest())
        print(inst.query('*IDN?'))
        inst.close()
        rm.close()
        """;

    [PeerFact(Peer.PyvisaPy)]
    public async Task PyvisaPy_and_OpenVisa_read_identical_bytes_of_one_block_from_one_server()
    {
        Peers.Require(Peer.PyvisaPy);
        await using var server = new SocketInstrumentServer(new PerfDevice(BlockBytes));
        server.Start();

        var python = ChildProcess.Run(Peers.DebianPython, ["-c", Client, server.ResourceName], TimeSpan.FromSeconds(120));
        using var manager = new ResourceManager("@managed");
        using var instrument = manager.Open<MessageBasedResource>(server.ResourceName);
        instrument.Timeout = TimeSpan.FromSeconds(30);
        var ours = instrument.QueryBinaryValues<byte>("DATA?");

        Assert.True(python.ExitCode == 0, $"pyvisa-py failed (exit {python.ExitCode}): {python.StandardError}");
        var lines = python.StandardOutput.Split('\n');
        var expected = Convert.ToHexStringLower(SHA256.HashData(PerfDevice.Payload(BlockBytes)));
        Assert.Equal(PerfDevice.Identity, lines[0]);
        Assert.Equal(BlockBytes.ToString(CultureInfo.InvariantCulture), lines[1]);
        Assert.Equal(expected, lines[2]);
        Assert.Equal(PerfDevice.Identity, lines[3]);
        Assert.Equal(BlockBytes, ours.Length);
        Assert.Equal(expected, Convert.ToHexStringLower(SHA256.HashData(ours)));
        Assert.Equal(PerfDevice.Identity, instrument.Query("*IDN?"));
    }
}
