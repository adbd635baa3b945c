using OpenVisa.Instruments.Tests.Support;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Model;

public class InstrumentIoTests
{
    [Fact]
    public void Idn_splits_the_reply_and_Connect_returns_it()
    {
        var device = new FakeDevice { Idn = "Keysight Technologies,34461A,MY53200000,A.02.14-02.40" };
        using var inst = TestNames.Connected(device);
        var idn = inst.Connect();
        Assert.Equal(new InstrumentIdentity("Keysight Technologies", "34461A", "MY53200000", "A.02.14-02.40"), idn);
        Assert.Same(idn, inst.Idn.Cache.Value);
    }

    [Theory]
    [InlineData("A;B;C", "A", "B", "C", null)]
    [InlineData("Vendor", "Vendor", null, null, null)]
    [InlineData("A,B,,D,E", "A", "B", null, "D,E")]
    public void Identity_parsing_follows_the_first_separator(string reply, string vendor, string? model, string? serial, string? firmware) =>
        Assert.Equal(new InstrumentIdentity(vendor, model, serial, firmware), InstrumentIdentity.Parse(reply));

    [Fact]
    public void A_manual_instrument_reports_its_name_and_refuses_commands()
    {
        using var manual = new Instrument(TestNames.Unique(), null);
        Assert.True(manual.IsManual);
        Assert.Equal(manual.Name, manual.Connect().Model);
        var e = Assert.Throws<InvalidOperationException>(() => manual.Write("VOLT 5"));
        Assert.Equal($"{manual.Name} is a manual instrument: it has no connection, so 'VOLT 5' cannot be sent. Its parameters only keep values for the record.", e.Message);
    }

    [Fact]
    public void Errors_are_checked_after_writes_only_in_AfterWrite_mode()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device, new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterWrite });
        inst.Write("VOLT 1");
        Assert.Equal(["VOLT 1", "SYST:ERR?"], device.Received);
        device.ClearLog();
        inst.Ask("*IDN?");
        Assert.Equal(["*IDN?"], device.Received);
        var e = Assert.Throws<InstrumentErrorException>(() => inst.Write("BOGUS"));
        Assert.Equal($"{inst.Name} reported an error after 'BOGUS': -113,\"Undefined header\"", e.Message);
    }

    [Fact]
    public async Task Every_command_is_checked_in_AfterEveryCommand_mode_and_the_queue_is_drained()
    {
        var device = new FakeDevice();
        await using var inst = TestNames.Connected(device, new InstrumentOptions { ErrorCheck = ErrorCheckMode.AfterEveryCommand });
        device.Errors.Enqueue("-100,\"Command error\"");
        device.Errors.Enqueue("-222,\"Data out of range\"");
        var e = await Assert.ThrowsAsync<InstrumentErrorException>(async () => await inst.AskAsync("*IDN?"));
        Assert.Equal(2, e.Errors.Count);
        Assert.Contains("2 errors after '*IDN?'", e.Message);
        device.ClearLog();
        await inst.AskAsync("*IDN?");
        Assert.Equal(["*IDN?", "SYST:ERR?"], device.Received);
    }

    [Fact]
    public void Never_mode_sends_no_error_queries_and_CheckErrors_reads_on_request()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        inst.Write("BOGUS");
        Assert.Equal(["BOGUS"], device.Received);
        var e = Assert.Throws<InstrumentErrorException>(inst.CheckErrors);
        Assert.Null(e.Command);
        Assert.Empty(inst.ReadErrorQueue());
    }

    [Fact]
    public void The_error_query_is_configurable_and_a_bad_reply_is_quoted()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device, new InstrumentOptions { ErrorQuery = "ERR?" });
        device.Values["ERR"] = "weird";
        var e = Assert.Throws<FormatException>(inst.CheckErrors);
        Assert.Contains("'weird' is not an error-queue entry", e.Message);
    }

    [Fact]
    public async Task A_timeout_scope_applies_to_calls_in_its_flow_and_is_restored()
    {
        var device = new FakeDevice();
        await using var inst = TestNames.Connected(device, new InstrumentOptions { Timeout = TimeSpan.FromSeconds(2) });
        TimeSpan seen = default;
        device.Handlers["PROBE?"] = _ =>
        {
            seen = TimeSpan.FromMilliseconds(Convert.ToDouble(inst.Resource!.GetAttribute(VisaAttribute.TimeoutValue), System.Globalization.CultureInfo.InvariantCulture));
            return "1";
        };
        using (inst.WithTimeout(TimeSpan.FromSeconds(30)))
        {
            await inst.AskAsync("PROBE?");
            Assert.Equal(TimeSpan.FromSeconds(30), seen);
            var other = await Task.Run(() =>
            {
                using (inst.WithTimeout(TimeSpan.FromSeconds(7)))
                    inst.Ask("PROBE?");
                return seen;
            });
            Assert.Equal(TimeSpan.FromSeconds(7), other);
        }
        inst.Ask("PROBE?");
        Assert.Equal(TimeSpan.FromSeconds(2), seen);
        Assert.Equal(TimeSpan.FromSeconds(2), inst.Timeout);
    }

    [Fact]
    public void Channel_io_goes_through_the_root_instrument()
    {
        var device = new FakeDevice();
        using var psu = new TestSupply(TestNames.Unique(), FakeLibrary.Open(device));
        psu.Channel(3).Write("OUTP ON,(@3)");
        Assert.Equal("OUTP ON,(@3)", device.Received[^1]);
        Assert.Same(psu, psu.Channel(3).Root);
    }

    [Fact]
    public async Task Binary_and_ascii_values_are_read_under_the_instrument_lock()
    {
        var device = new FakeDevice();
        await using var inst = TestNames.Connected(device);
        device.Handlers["DATA?"] = _ => "#16" + System.Text.Encoding.Latin1.GetString([1, 2, 10, 4, 5, 255]);
        device.Values["LIST"] = "1.5,2.5,3.5";
        Assert.Equal(new byte[] { 1, 2, 10, 4, 5, 255 }, inst.AskBinaryValues<byte>("DATA?"));
        Assert.Equal(new byte[] { 1, 2, 10, 4, 5, 255 }, await inst.AskBinaryValuesAsync<byte>("DATA?"));
        var values = await inst.AskAsciiValuesAsync<double>("LIST?");
        Assert.Equal([1.5, 2.5, 3.5], values);
    }

    [Fact]
    public void Functions_validate_arguments_and_send_the_command()
    {
        var device = new FakeDevice();
        using var psu = new TestSupply(TestNames.Unique(), FakeLibrary.Open(device));
        psu.Reset.Call();
        Assert.Equal("*RST", device.Received[^1]);
        var apply = new InstrumentFunction("apply", psu, "APPL {0},{1}", new Numbers(0, 10), new Bools());
        apply.Call(2.5, true);
        Assert.Equal("APPL 2.5,1", device.Received[^1]);
        Assert.Contains("takes 2 arguments, not 1", Assert.Throws<ArgumentException>(() => apply.Call(1.0)).Message);
        Assert.Contains("argument 0 of function", Assert.Throws<ValidationException>(() => apply.Call(11.0, true)).Message);
        Assert.Contains("already has a function named 'apply'", Assert.Throws<ArgumentException>(() => new InstrumentFunction("apply", psu, "X")).Message);
    }
}
