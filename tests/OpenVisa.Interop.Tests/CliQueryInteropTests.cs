using OpenVisa.Cli;
using OpenVisa.Perf;
using OpenVisa.Managed.Tcpip.Socket;

namespace OpenVisa.Interop.Tests;

/// <summary><c>ovisa query</c> against servers nobody on this project wrote (socat) and against our own, through the real command line.</summary>
public sealed class CliQueryInteropTests
{
    private const int BigBlock = 16 * 1024 * 1024;

    [PeerFact(Peer.Socat)]
    public async Task Ovisa_query_reads_IDN_from_a_socat_line_server()
    {
        Peers.Require(Peer.Socat);
        using var socat = await SocatServer.StartAsync();

        // Exactly the command a user types, with the default backend.
        var result = ChildProcess.Ovisa(["query", socat.ResourceName, "*IDN?"], TimeSpan.FromSeconds(60));

        Assert.True(result.ExitCode == 0, $"ovisa exited {result.ExitCode}: {result.StandardError}");
        Assert.Equal(SocatServer.Identity + "\n", result.StandardOutput);
    }

    [PeerFact(Peer.Socat)]
    public async Task Ovisa_query_binary_writes_a_16_MiB_block_from_socat_to_a_file_byte_exact()
    {
        Peers.Require(Peer.Socat);
        var block = PerfDevice.Block(BigBlock);
        using var socat = await SocatServer.StartAsync([.. block, (byte)'\n']);
        var file = Path.Combine(Path.GetTempPath(), $"ovisa-interop-{Guid.NewGuid():N}.bin");
        try
        {
            var result = ChildProcess.Ovisa(["query", socat.ResourceName, "DATA?", "--binary", "--datatype", "u8", "--out", file, "--timeout", "60000"], TimeSpan.FromSeconds(120));

            Assert.True(result.ExitCode == 0, $"ovisa exited {result.ExitCode}: {result.StandardError}");
            Assert.Equal($"{BigBlock} bytes ({BigBlock} values of u8) written to {file}\n", result.StandardOutput);
            var written = await File.ReadAllBytesAsync(file);
            Assert.True(PerfDevice.Payload(BigBlock).AsSpan().SequenceEqual(written), "the file differs from the block socat sent");
        }
        finally
        {
            File.Delete(file);
        }
    }

    [Fact]
    public async Task Ovisa_query_binary_writes_a_16_MiB_block_from_the_socket_server_to_a_file_byte_exact()
    {
        await using var server = new SocketInstrumentServer(new PerfDevice(BigBlock));
        server.Start();
        var file = Path.Combine(Path.GetTempPath(), $"ovisa-interop-{Guid.NewGuid():N}.bin");
        var output = new StringWriter();
        var error = new StringWriter();
        try
        {
            var exit = await Task.Run(() => CliApp.Run(["query", server.ResourceName, "DATA?", "--binary", "--datatype", "u8", "--out", file, "-b", "@managed", "--json"],
                new CliContext(output, error, TextReader.Null))).WaitAsync(TimeSpan.FromSeconds(120));

            Assert.True(exit == CliApp.Ok, $"ovisa exited {exit}: {error}");
            Assert.Contains($"\"bytes\": {BigBlock}", output.ToString());
            var written = await File.ReadAllBytesAsync(file);
            Assert.True(PerfDevice.Payload(BigBlock).AsSpan().SequenceEqual(written), "the file differs from the block the server sent");
        }
        finally
        {
            File.Delete(file);
        }
    }
}
