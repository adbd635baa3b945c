using System.Diagnostics;
using System.Globalization;
using OpenVisa.Managed.Gpib.Prologix;
using OpenVisa.Managed.Server;

namespace OpenVisa.Managed.Tests.Gpib;

/// <summary>
/// GPIB through a Prologix adapter: our client against our emulated adapter and against a fake one written here.
/// Each test binds its own board number, since the binding is a process-wide environment variable.
/// </summary>
[Collection(GpibEnvironment.Name)]
public sealed class PrologixClientTests
{
    [Fact]
    public async Task A_bound_board_reaches_the_device_at_its_address_and_passes_every_byte_value_in_a_block()
    {
        var device = new TestDevice();
        await using var adapter = new PrologixAdapterServer(new Dictionary<int, IMessageDevice> { [5] = device, [6] = new SpyDevice("SPY,6") });
        adapter.Start();
        using var binding = Bind(21, adapter.Binding);
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<GpibInstrResource>("GPIB21::5::INSTR");
        instrument.ReadTermination = "\n"; // GPIB resources read to END by default; the instruments end with LF
        using var other = rm.Open<GpibInstrResource>("GPIB21::6::INSTR");
        other.ReadTermination = "\n"; // GPIB resources read to END by default; the instruments end with LF
        instrument.Timeout = TimeSpan.FromSeconds(30);

        Assert.Equal(TestDevice.Identity, instrument.Query("*IDN?"));
        Assert.Equal("SPY,6", other.Query("*IDN?")); // one adapter, two addresses, in turn
        Assert.Equal(5, instrument.PrimaryAddress);

        var every = Enumerable.Range(0, 256).Select(i => (byte)i).ToArray();
        instrument.WriteBinaryValues("LEN? ", every);
        Assert.Equal($"256,{every.Sum(b => b)}", instrument.Read());
        var received = device.Received.Last();
        Assert.Equal(every, received.AsSpan(received.Length - 256).ToArray()); // intact, ESC, CR, LF and '+' included

        const int Length = 1 << 20;
        Assert.Equal(TestDevice.Payload(Length), instrument.QueryBinaryValues<byte>($"DATA? {Length}"));
        Assert.Equal(TestDevice.Identity, await instrument.QueryAsync("*IDN?"));
    }

    [Fact]
    public async Task Clear_trigger_and_serial_poll_reach_the_device_out_of_band()
    {
        var spy = new SpyDevice("SPY,9") { StatusByte = 0x52 };
        await using var adapter = new PrologixAdapterServer(new Dictionary<int, IMessageDevice> { [9] = spy });
        adapter.Start();
        using var binding = Bind(22, adapter.Binding);
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<GpibInstrResource>("GPIB22::9::INSTR");
        instrument.ReadTermination = "\n"; // GPIB resources read to END by default; the instruments end with LF
        instrument.Timeout = TimeSpan.FromSeconds(30);

        instrument.Clear();
        instrument.AssertTrigger();
        var status = instrument.ReadStb();

        Assert.Equal(0x52, status);
        Assert.Equal(1, spy.Clears);
        Assert.Equal(1, spy.Triggers);
        Assert.Equal("SPY,9", instrument.Query("*IDN?"));
    }

    [Fact]
    public void The_client_speaks_the_prologix_command_sequence_to_a_fake_adapter()
    {
        using var fake = new FakePrologixAdapter("FAKE,Adapter,0,1");
        using var binding = Bind(23, $"prologix:tcp://127.0.0.1:{fake.Port}");
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<GpibInstrResource>("GPIB23::5::INSTR");
        instrument.ReadTermination = "\n"; // GPIB resources read to END by default; the instruments end with LF
        instrument.Timeout = TimeSpan.FromSeconds(2);

        Assert.Equal("FAKE,Adapter,0,1", instrument.Query("*IDN?"));
        Assert.Equal("FAKE,Adapter,0,1", instrument.Query("+ESC\u001b?"));
        Assert.Equal(66, instrument.ReadStb());

        var transcript = fake.Transcript;
        Assert.StartsWith("++savecfg 0\n++mode 1\n++auto 0\n++eos 3\n++eot_enable 0\n++ifc\n", transcript);
        Assert.Contains("++addr 5\n++eoi 1\n*IDN?\u001b\n\n++read_tmo_ms 2000\n++read eoi\n", transcript);
        Assert.Contains("\u001b+ESC\u001b\u001b?\u001b\n\n++read eoi\n", transcript); // the address and timeout were not sent again
        Assert.EndsWith("++spoll 5\n", transcript);
        Assert.Single(System.Text.RegularExpressions.Regex.Matches(transcript, "\\+\\+addr"));
    }

    [Fact]
    public void An_adapter_that_drops_the_connection_fails_the_call_with_connection_lost_naming_it()
    {
        using var fake = new FakePrologixAdapter("unused");
        using var binding = Bind(24, $"prologix:tcp://127.0.0.1:{fake.Port}");
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<GpibInstrResource>("GPIB24::7::INSTR");
        instrument.ReadTermination = "\n"; // GPIB resources read to END by default; the instruments end with LF
        instrument.Timeout = TimeSpan.FromMilliseconds(300);
        fake.Hangup();
        var watch = Stopwatch.StartNew();

        var e = Assert.Throws<VisaException>(() => instrument.Query("*IDN?"));

        Assert.Equal(StatusCode.ErrorConnectionLost, e.Status);
        Assert.Contains($"127.0.0.1:{fake.Port}", e.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task A_device_that_does_not_answer_times_out_within_the_timeout_naming_its_address()
    {
        await using var adapter = new PrologixAdapterServer(new Dictionary<int, IMessageDevice> { [3] = new SpyDevice("SPY,3") });
        adapter.Start();
        using var binding = Bind(25, adapter.Binding);
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<GpibInstrResource>("GPIB25::3::INSTR");
        instrument.ReadTermination = "\n"; // GPIB resources read to END by default; the instruments end with LF
        instrument.Timeout = TimeSpan.FromMilliseconds(500);
        var watch = Stopwatch.StartNew();

        var e = Assert.Throws<VisaException>(() => instrument.Query("NOTHING?"));

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains("GPIB address 3", e.Message);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(400), TimeSpan.FromMilliseconds(500) + TimeSpan.FromSeconds(2));
        Assert.Equal("SPY,3", instrument.Query("*IDN?"));
    }

    [Fact]
    public async Task Opening_a_prlgx_interface_binds_its_board_while_it_stays_open()
    {
        await using var adapter = new PrologixAdapterServer(new Dictionary<int, IMessageDevice> { [4] = new SpyDevice("SPY,4") });
        adapter.Start();
        using var rm = new ResourceManager("@managed");
        var port = adapter.LocalEndPoint.Port.ToString(CultureInfo.InvariantCulture);

        using (var intfc = rm.Open($"PRLGX-TCPIP26::127.0.0.1::{port}::INTFC"))
        {
            using var instrument = rm.Open<GpibInstrResource>("GPIB26::4::INSTR");
            instrument.ReadTermination = "\n"; // GPIB resources read to END by default; the instruments end with LF
            instrument.Timeout = TimeSpan.FromSeconds(30);
            Assert.Equal("SPY,4", instrument.Query("*IDN?"));
        }

        var previous = Environment.GetEnvironmentVariable("OPENVISA_LIBGPIB");
        Environment.SetEnvironmentVariable("OPENVISA_LIBGPIB", "/nonexistent/libgpib-test.so");
        try
        {
            var e = Assert.Throws<VisaException>(() => rm.Open("GPIB26::4::INSTR"));
            Assert.Equal(StatusCode.ErrorLibraryNotFound, e.Status);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OPENVISA_LIBGPIB", previous);
        }
    }

    /// <summary>Binds <c>GPIB<paramref name="board"/></c> for the test's duration.</summary>
    private static Binding Bind(int board, string binding) => new(board, binding);

    private sealed class Binding : IDisposable
    {
        private readonly string _variable;

        public Binding(int board, string binding)
        {
            _variable = PrologixEndpoint.VariableFor(board);
            Environment.SetEnvironmentVariable(_variable, binding);
        }

        public void Dispose() => Environment.SetEnvironmentVariable(_variable, null);
    }
}
