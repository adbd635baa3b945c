using System.Diagnostics;
using System.Globalization;
using OpenVisa.Managed.Usb;

namespace OpenVisa.Managed.Tests.Usb;

/// <summary>The USBTMC bulk headers byte for byte: against pyvisa-py's own framing functions, and the reply checks.</summary>
public sealed class UsbtmcFramingTests
{
    private static readonly (byte Tag, string Data, bool Eom)[] OutCases = [(1, "*IDN?\n", true), (255, "", true), (7, "ABC", false), (128, "0123456789abcdef", true)];
    private static readonly (byte Tag, int Size, byte? TermChar)[] InCases = [(2, 1024, null), (200, 1 << 20, (byte)'\n'), (255, 1, (byte)'\r')];

    [PyvisaPyUsbFact]
    public void Our_message_headers_equal_pyvisa_py_usbtmc_byte_for_byte()
    {
        string[] lines =
        [
            "from pyvisa_py.protocols.usbtmc import BulkOutMessage, BulkInMessage",
            .. OutCases.Select(c => string.Create(CultureInfo.InvariantCulture, $"print(BulkOutMessage.build_array({c.Tag}, {(c.Eom ? "True" : "False")}, bytes.fromhex('{Convert.ToHexString(System.Text.Encoding.ASCII.GetBytes(c.Data))}')).hex())")),
            .. InCases.Select(c => string.Create(CultureInfo.InvariantCulture, $"print(BulkInMessage.build_array({c.Tag}, {c.Size}, {(c.TermChar is { } t ? t.ToString(CultureInfo.InvariantCulture) : "None")}).hex())")),
        ];
        var script = string.Join('\n', lines);
        var theirs = RunPython(script);

        var ours = new List<string>();
        foreach (var (tag, data, eom) in OutCases)
        {
            var message = new byte[UsbtmcMessages.PaddedLength(data.Length)];
            UsbtmcMessages.WriteDevDepMsgOut(message, tag, data.Length, eom);
            System.Text.Encoding.ASCII.GetBytes(data).CopyTo(message, UsbtmcMessages.HeaderLength);
            ours.Add(Convert.ToHexStringLower(message));
        }
        foreach (var (tag, size, termChar) in InCases)
        {
            var header = new byte[UsbtmcMessages.HeaderLength];
            UsbtmcMessages.WriteRequestDevDepMsgIn(header, tag, size, termChar);
            ours.Add(Convert.ToHexStringLower(header));
        }

        Assert.Equal(theirs, ours);
    }

    [Fact]
    public void Tags_run_from_1_to_255_and_never_0()
    {
        Assert.Equal(1, UsbtmcMessages.NextTag(255));
        Assert.Equal(2, UsbtmcMessages.NextTag(1));
        Assert.Equal(1, UsbtmcMessages.NextTag(0));
    }

    [Theory]
    [InlineData("020af5000500000001000000", 10, 100, null)]
    [InlineData("020af50005000000", 10, 100, "shorter than the 12-byte")]
    [InlineData("010af5000500000001000000", 10, 100, "MsgID was 1")]
    [InlineData("020af4000500000001000000", 10, 100, "do not match")]
    [InlineData("020bf4000500000001000000", 10, 100, "bTag was 11, but the request's was 10")]
    [InlineData("020af5006400000001000000", 10, 99, "announced 100 bytes, more than the 99 requested")]
    public void A_reply_header_is_checked_for_length_msgid_tag_and_size(string hex, byte tag, int requested, string? problem)
    {
        var header = UsbtmcMessages.ParseDevDepMsgIn(Convert.FromHexString(hex), tag, requested, out var why);

        if (problem is null)
        {
            Assert.Equal(new UsbtmcInHeader(5, true, false), header);
            Assert.Null(why);
        }
        else
        {
            Assert.Null(header);
            Assert.Contains(problem, why);
        }
    }

    [Fact]
    public void Capabilities_and_quirks_are_read_from_their_tables()
    {
        var reply = new byte[24];
        reply[0] = 1;
        reply[5] = 1;
        reply[14] = 0x06;

        Assert.Equal(new UsbtmcCapabilities(true, false, false, true, true, false), UsbtmcCapabilities.Parse(reply));
        reply[0] = 0x80;
        Assert.Null(UsbtmcCapabilities.Parse(reply));
        Assert.Equal(63, UsbtmcQuirks.For(0x1334, 0x1234).MaxTransferSize);
        Assert.True(UsbtmcQuirks.For(0x1AB1, 0x04CE).BlockLengthFromIeeeHeader);
        Assert.Same(UsbtmcQuirks.None, UsbtmcQuirks.For(0x1AB1, 0x0001));
    }

    private static List<string> RunPython(string script)
    {
        var info = new ProcessStartInfo(PyvisaPyUsbFactAttribute.Python, ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        var output = process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"pyvisa-py's usbtmc module failed: {errors.Result}");
        return [.. output.Split('\n', StringSplitOptions.RemoveEmptyEntries)];
    }
}

/// <summary>
/// A fact that needs Debian's pyvisa-py USBTMC module (packages python3-pyvisa-py and python3-usb): skipped without
/// them, except on CI, where it fails naming the packages.
/// </summary>
public sealed class PyvisaPyUsbFactAttribute : FactAttribute
{
    public static string Python => File.Exists("/usr/bin/python3") ? "/usr/bin/python3" : "/bin/python3";

    public PyvisaPyUsbFactAttribute()
    {
        if (string.Equals(Environment.GetEnvironmentVariable("CI"), "true", StringComparison.OrdinalIgnoreCase))
            return;
        var info = new ProcessStartInfo(Python, ["-c", "import pyvisa_py.protocols.usbtmc"]) { RedirectStandardError = true, RedirectStandardOutput = true };
        try
        {
            using var process = Process.Start(info)!;
            process.StandardError.ReadToEnd();
            process.WaitForExit();
            if (process.ExitCode != 0)
                Skip = "pyvisa-py's usbtmc module is not importable; install the Debian packages python3-pyvisa-py and python3-usb";
        }
        catch (System.ComponentModel.Win32Exception)
        {
            Skip = "Debian's python3 is missing; install the Debian packages python3-pyvisa-py and python3-usb";
        }
    }
}
