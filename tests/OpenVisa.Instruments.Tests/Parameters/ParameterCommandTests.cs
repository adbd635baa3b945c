using OpenVisa.Instruments.Tests.Support;
using OpenVisa.Instruments.Validators;

namespace OpenVisa.Instruments.Tests.Parameters;

public class ParameterCommandTests
{
    [Fact]
    public void Set_formats_the_template_and_Get_parses_the_reply()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var volt = new Parameter<double>("volt", inst) { GetCommand = "VOLT?", SetCommand = "VOLT {0}", Unit = "V" };

        volt.Set(2.5);
        Assert.Equal("VOLT 2.5", device.Received[^1]);
        device.Values["VOLT"] = "+3.25000000E+00";
        Assert.Equal(3.25, volt.Get());
        Assert.Equal(3.25, volt.Cache.Value);
    }

    [Fact]
    public async Task Async_forms_send_the_same_commands()
    {
        var device = new FakeDevice();
        await using var inst = TestNames.Connected(device);
        var volt = new Parameter<double>("volt", inst) { GetCommand = "VOLT?", SetCommand = "VOLT {0}" };

        await volt.SetAsync(1.5);
        Assert.Equal(1.5, await volt.GetAsync());
        Assert.Equal(["VOLT 1.5", "VOLT?"], device.Received);
    }

    [Fact]
    public void A_format_specifier_in_the_template_formats_the_number()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var att = new Parameter<double>("att", inst) { SetCommand = "ATTN ALL {0:00}" };
        att.Set(4);
        Assert.Equal("ATTN ALL 04", device.Received[^1]);
    }

    [Fact]
    public void Integers_read_from_a_real_number_reply_and_strings_lose_their_quotes()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var count = new Parameter<int>("count", inst) { GetCommand = "TRIG:COUN?" };
        var text = new Parameter<string>("text", inst) { GetCommand = "DISP:TEXT?", SetCommand = "DISP:TEXT \"{0}\"" };
        device.Values["TRIG:COUN"] = "+1.00000000E+01";
        device.Values["DISP:TEXT"] = "\"HELLO\"";
        Assert.Equal(10, count.Get());
        Assert.Equal("HELLO", text.Get());
        text.Set("BYE");
        Assert.Equal("DISP:TEXT \"BYE\"", device.Received[^1]);
    }

    [Fact]
    public void Enums_and_arrays_have_default_conversions()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var day = new Parameter<DayOfWeek>("day", inst) { GetCommand = "DAY?", SetCommand = "DAY {0}" };
        var data = new Parameter<double[]>("data", inst) { GetCommand = "DATA?", SetCommand = "DATA {0}" };
        day.Set(DayOfWeek.Friday);
        Assert.Equal("DAY Friday", device.Received[^1]);
        device.Values["DAY"] = "monday";
        Assert.Equal(DayOfWeek.Monday, day.Get());
        data.Set([1.5, -2]);
        Assert.Equal("DATA 1.5,-2", device.Received[^1]);
        device.Values["DATA"] = "1.0,2.0,3.5";
        Assert.Equal([1.0, 2.0, 3.5], data.Get());
    }

    [Fact]
    public void Custom_parsers_work_both_ways()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var p = new Parameter<TimeSpan>("dwell", inst)
        {
            GetCommand = "DWEL?",
            SetCommand = "DWEL {0}",
            GetParser = s => TimeSpan.FromMilliseconds(double.Parse(s, System.Globalization.CultureInfo.InvariantCulture)),
            SetFormatter = t => t.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        p.Set(TimeSpan.FromSeconds(1.5));
        Assert.Equal("DWEL 1500", device.Received[^1]);
        Assert.Equal(TimeSpan.FromSeconds(1.5), p.Get());
    }

    [Fact]
    public void A_reply_that_does_not_parse_names_the_parameter_the_reply_and_the_command()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var volt = new Parameter<double>("volt", inst) { GetCommand = "VOLT?" };
        device.Values["VOLT"] = "OVLD";
        var e = Assert.Throws<ParameterException>(() => volt.Get());
        Assert.StartsWith($"Getting {inst.Name}_volt failed: the reply 'OVLD' to 'VOLT?' cannot be read as double", e.Message);
        Assert.IsType<FormatException>(e.InnerException);
        Assert.False(volt.Cache.HasValue);
    }

    [Fact]
    public void A_timeout_is_wrapped_with_the_parameter_name_and_keeps_the_visa_status()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var p = new Parameter<double>("missing", inst) { GetCommand = "NOPE?" };
        var e = Assert.Throws<ParameterException>(() => p.Get());
        Assert.Contains($"Getting {inst.Name}_missing failed", e.Message);
        Assert.Equal(StatusCode.ErrorTimeout, Assert.IsType<VisaException>(e.InnerException).Status);
    }

    [Fact]
    public void Mapping_sends_tokens_and_reads_replies_loosely()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var output = new Parameter<bool>("output", inst) { GetCommand = "OUTP?", SetCommand = "OUTP {0}", Mapping = ValueMapping.OnOff() };
        output.Set(true);
        Assert.Equal("OUTP ON", device.Received[^1]);
        Assert.Equal("ON", output.Cache.RawValue);
        foreach (var (reply, expected) in new[] { ("1", true), ("0", false), ("+1.000E+00", true), ("off", false), ("ON", true) })
        {
            device.Values["OUTP"] = reply;
            Assert.Equal(expected, output.Get());
        }
    }

    [Fact]
    public void Mapping_of_an_enum_with_quoted_tokens()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var function = new Parameter<DayOfWeek>("function", inst)
        {
            GetCommand = "FUNC?",
            SetCommand = "FUNC {0}",
            Mapping = new ValueMapping<DayOfWeek> { [DayOfWeek.Monday] = "\"MON\"", [DayOfWeek.Tuesday] = "\"TUE\"" },
        };
        function.Set(DayOfWeek.Tuesday);
        Assert.Equal("FUNC \"TUE\"", device.Received[^1]);
        device.Values["FUNC"] = "\"MON\"";
        Assert.Equal(DayOfWeek.Monday, function.Get());
        Assert.Equal("<Enum: {Monday, Tuesday}>", function.Validators[0].Repr);
        var refused = Assert.Throws<ValidationException>(() => function.Set(DayOfWeek.Sunday));
        Assert.Contains("Sunday is invalid: must be one of {Monday, Tuesday}", refused.Message);
        device.Values["FUNC"] = "\"WED\"";
        var e = Assert.Throws<ParameterException>(() => function.Get());
        Assert.Contains("the reply '\"WED\"' to 'FUNC?' is none of the mapped tokens '\"MON\"', '\"TUE\"'", e.Message);
    }

    [Fact]
    public void Scale_and_offset_apply_on_the_way_out_and_are_undone_on_the_way_in()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var divided = new Parameter<double>("divided", inst) { GetCommand = "VOLT?", SetCommand = "VOLT {0}", Scale = 10, Offset = 1 };
        divided.Set(0.5);
        Assert.Equal("VOLT 6", device.Received[^1]);
        Assert.Equal(6.0, divided.Cache.RawValue);
        Assert.Equal(0.5, divided.Cache.Value);
        device.Values["VOLT"] = "21";
        Assert.Equal(2.0, divided.Get());
        Assert.Equal(21.0, divided.Cache.RawValue);
    }

    [Fact]
    public void Scale_applies_element_wise_to_arrays()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var p = new Parameter<double[]>("trace", inst) { GetCommand = "TRACE?", Scale = 2 };
        device.Values["TRACE"] = "2,4,6";
        Assert.Equal([1.0, 2.0, 3.0], p.Get());
    }

    [Fact]
    public void Validation_happens_before_anything_is_sent()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var volt = new Parameter<double>("volt", inst) { SetCommand = "VOLT {0}", Validator = new Numbers(0, 6) };
        var e = Assert.Throws<ValidationException>(() => volt.Set(7));
        Assert.Equal($"7 is invalid: must be a number between 0 and 6 inclusive; Parameter: {inst.Name}_volt.", e.Message);
        Assert.Empty(device.Received);
        Assert.False(volt.Cache.HasValue);
    }

    [Fact]
    public void Added_validators_are_all_checked_and_can_be_removed()
    {
        using var inst = new Instrument(TestNames.Unique(), null);
        var p = new Parameter<int>("n", inst) { Validator = new Ints(0, 100) };
        var multiples = new Multiples(10);
        p.AddValidator(multiples);
        p.Set(30);
        Assert.Throws<ValidationException>(() => p.Set(35));
        Assert.True(p.RemoveValidator(multiples));
        p.Set(35);
    }

    [Fact]
    public void Error_check_can_be_turned_on_for_one_parameter()
    {
        var device = new FakeDevice();
        using var inst = TestNames.Connected(device);
        var checkedVolt = new Parameter<double>("volt", inst) { SetCommand = "VOLT {0}", CheckErrors = true };
        device.Handlers["VOLT"] = _ =>
        {
            device.Errors.Enqueue("-222,\"Data out of range\"");
            return null;
        };
        var e = Assert.Throws<ParameterException>(() => checkedVolt.Set(99));
        var errors = Assert.IsType<InstrumentErrorException>(e.InnerException);
        Assert.Equal(-222, errors.Errors[0].Code);
        Assert.Contains("after 'VOLT 99'", errors.Message);
    }
}
