using System.Diagnostics;
using OpenVisa.Managed.Tests.Gpib;

namespace OpenVisa.Managed.Tests.Usb;

/// <summary>What goes wrong on USB, against the fake libusb: each error names what happened and what to try, and the session recovers where it can.</summary>
[Collection(UsbEnvironment.Name)]
public sealed class UsbtmcErrorTests
{
    [GccFact]
    public void A_device_this_user_may_not_open_names_the_udev_rule_to_add()
    {
        using var fake = FakeLibUsb.Use();
        using var rm = new ResourceManager("@managed");

        var e = Assert.Throws<VisaException>(() => rm.Open("USB0::0xF4CE::0x0003::LOCKED3::INSTR"));

        Assert.Equal(StatusCode.ErrorNoPermission, e.Status);
        Assert.Contains("LIBUSB_ERROR_ACCESS", e.Message);
        Assert.Contains("SUBSYSTEM==\"usb\", ATTR{idVendor}==\"f4ce\", ATTR{idProduct}==\"0003\"", e.Message);
        Assert.Contains("udevadm", e.Message);
    }

    [GccFact]
    public void A_device_that_is_not_attached_is_not_found_and_the_error_lists_what_is()
    {
        using var fake = FakeLibUsb.Use();
        using var rm = new ResourceManager("@managed");

        var e = Assert.Throws<VisaException>(() => rm.Open("USB0::0xF4CE::0x0001::OTHER99::INSTR"));

        Assert.Equal(StatusCode.ErrorResourceNotFound, e.Status);
        Assert.Contains("serial number OTHER99", e.Message);
        Assert.Contains("f4ce:0001 serial FAKE0001", e.Message);
    }

    [Fact]
    public void Without_libusb_the_error_names_the_library_and_the_debian_package()
    {
        var previous = Environment.GetEnvironmentVariable("OPENVISA_LIBUSB");
        Environment.SetEnvironmentVariable("OPENVISA_LIBUSB", "/nonexistent/libusb-test.so");
        try
        {
            using var rm = new ResourceManager("@managed");
            var e = Assert.Throws<VisaException>(() => rm.Open(FakeLibUsb.Instrument));

            Assert.Equal(StatusCode.ErrorLibraryNotFound, e.Status);
            Assert.Contains("/nonexistent/libusb-test.so", e.Message);
            Assert.Contains("libusb-1.0-0", e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable("OPENVISA_LIBUSB", previous);
        }
    }

    [GccFact]
    public void A_read_that_times_out_aborts_the_transfer_and_the_next_query_is_clean()
    {
        using var fake = FakeLibUsb.Use();
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<UsbInstrResource>(FakeLibUsb.Instrument);
        instrument.Timeout = TimeSpan.FromMilliseconds(300);

        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<VisaException>(() => instrument.Query("SILENT?"));
        var elapsed = clock.Elapsed;
        instrument.Timeout = TimeSpan.FromSeconds(20);

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains("INITIATE_ABORT_BULK_IN", e.Message);
        Assert.Contains("300 ms", e.Message);
        Assert.True(elapsed < TimeSpan.FromMilliseconds(300) + TimeSpan.FromSeconds(2), $"the timeout took {elapsed}");
        Assert.Equal(1, fake.Counter("abort_in"));
        Assert.Equal("FAKE,USBTMC,FAKE0001,1.0\n", instrument.Query("*IDN?"));
    }

    [GccTheory]
    [InlineData("FAULT:BTAG", "but the request's was")]
    [InlineData("FAULT:SHORT", "shorter than the 12-byte USBTMC header")]
    [InlineData("FAULT:LONG", "more than the")]
    public void A_bad_reply_header_is_an_io_error_and_the_session_recovers(string fault, string expected)
    {
        using var fake = FakeLibUsb.Use();
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<UsbInstrResource>(FakeLibUsb.Instrument);
        instrument.Timeout = TimeSpan.FromSeconds(20);

        instrument.Write(fault);
        var e = Assert.Throws<VisaException>(() => instrument.Query("*IDN?"));

        Assert.Equal(StatusCode.ErrorIO, e.Status);
        Assert.Contains(expected, e.Message);
        Assert.Contains("aborted so the next one starts clean", e.Message);
        Assert.Equal("1\n", instrument.Query("*OPC?"));
    }

    [GccFact]
    public void A_stalled_endpoint_is_cleared_and_says_so()
    {
        using var fake = FakeLibUsb.Use();
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<UsbInstrResource>(FakeLibUsb.Instrument);
        instrument.Timeout = TimeSpan.FromSeconds(20);

        instrument.Write("STALL");
        var e = Assert.Throws<VisaException>(() => instrument.Query("*IDN?"));
        instrument.Clear();

        Assert.Equal(StatusCode.ErrorIO, e.Status);
        Assert.Contains("Endpoint 0x81", e.Message);
        Assert.Contains("LIBUSB_ERROR_PIPE", e.Message);
        Assert.Contains("The stall was cleared", e.Message);
        Assert.Equal("1\n", instrument.Query("*OPC?"));
    }

    [GccFact]
    public void A_device_that_vanishes_mid_session_is_a_lost_connection()
    {
        using var fake = FakeLibUsb.Use();
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<UsbInstrResource>(FakeLibUsb.Instrument);
        instrument.Timeout = TimeSpan.FromSeconds(20);

        instrument.Write("VANISH");
        var e = Assert.Throws<VisaException>(() => instrument.Query("*IDN?"));

        Assert.Equal(StatusCode.ErrorConnectionLost, e.Status);
        Assert.Contains("LIBUSB_ERROR_NO_DEVICE", e.Message);
        Assert.Contains("Plug it in again", e.Message);
        var reopen = Assert.Throws<VisaException>(() => rm.Open(FakeLibUsb.Instrument));
        Assert.Equal(StatusCode.ErrorResourceNotFound, reopen.Status);
        var statusByte = Assert.Throws<VisaException>(() => instrument.ReadStb());
        Assert.Equal(StatusCode.ErrorConnectionLost, statusByte.Status);
        Assert.Contains("READ_STATUS_BYTE", statusByte.Message);
        Assert.Contains("LIBUSB_ERROR_NO_DEVICE", statusByte.Message);
    }
}

/// <summary>A theory that needs gcc, like <see cref="GccFactAttribute"/>.</summary>
public sealed class GccTheoryAttribute : TheoryAttribute
{
    public GccTheoryAttribute()
    {
        if (new GccFactAttribute().Skip is { } skip)
            Skip = skip;
    }
}
