using System.Diagnostics;
using OpenVisa.Managed.Tests.Gpib;

namespace OpenVisa.Managed.Tests.Usb;

/// <summary>
/// USB INSTR sessions through Linux's usbtmc driver, used when libusb cannot take the interface: against fake system
/// calls emulating /dev/usbtmc0 with the driver's ioctls (fake_usbtmc_kernel.c) and a made-up sysfs.
/// </summary>
[Collection(UsbEnvironment.Name)]
public sealed class KernelUsbtmcTests
{
    private const string NoLibUsb = "/nonexistent/libusb-1.0.so.0";

    [GccFact]
    public void Without_libusb_a_query_and_a_block_go_through_the_kernel_driver_and_the_log_says_so()
    {
        using var fake = FakeUsbtmcKernel.Use(NoLibUsb);
        var logger = new ListLogger();
        using var library = new ManagedLibrary("") { Logger = logger, DiscoveryTimeout = TimeSpan.Zero };
        using var rm = new ResourceManager(library);

        Assert.Contains(FakeUsbtmcKernel.Name(), rm.ListResources("USB?*::INSTR"));
        using var instrument = rm.Open<UsbInstrResource>(FakeUsbtmcKernel.Name().ToLowerInvariant()); // names are case-insensitive
        instrument.Timeout = TimeSpan.FromSeconds(20);

        Assert.Equal("FAKE,USBTMC-KERNEL,KFAKE01,1.0\n", instrument.Query("*IDN?"));
        var block = instrument.QueryBinaryValues<byte>("DATA? 300000");
        Assert.Equal(300000, block.Length);
        Assert.True(block.Select((b, i) => b == (byte)(i * 7)).All(ok => ok), "the block's bytes differ from the device's pattern");
        Assert.Equal(0xF4CE, instrument.ManufacturerId);
        Assert.Equal("KFAKE01", instrument.SerialNumber);
        Assert.Contains(logger.Lines, l => l.StartsWith("Debug:", StringComparison.Ordinal) && l.Contains("kernel's usbtmc driver", StringComparison.Ordinal)
            && l.Contains("usbtmc0", StringComparison.Ordinal) && l.Contains("libusb is not usable", StringComparison.Ordinal));
        Assert.Contains(library.GetDebugInfo(), kv => kv.Key.Contains("usbtmc0", StringComparison.Ordinal) && kv.Value.Contains(FakeUsbtmcKernel.Name(), StringComparison.Ordinal));
    }

    [GccFact]
    public void A_device_libusb_may_not_open_goes_through_the_kernel_driver()
    {
        using var libUsb = FakeLibUsb.Use(); // its F4CE:0003 "LOCKED3" fails libusb_open with LIBUSB_ERROR_ACCESS
        using var fake = FakeUsbtmcKernel.Use(libUsb.Path, product: 0x0003, serial: "LOCKED3");
        var logger = new ListLogger();
        using var library = new ManagedLibrary("") { Logger = logger, DiscoveryTimeout = TimeSpan.Zero };
        using var rm = new ResourceManager(library);

        using var instrument = rm.Open<UsbInstrResource>(FakeUsbtmcKernel.Name(0x0003, "LOCKED3"));
        instrument.Timeout = TimeSpan.FromSeconds(20);

        Assert.Equal("FAKE,USBTMC-KERNEL,KFAKE01,1.0\n", instrument.Query("*IDN?"));
        Assert.Contains(logger.Lines, l => l.Contains("kernel's usbtmc driver", StringComparison.Ordinal) && l.Contains("LIBUSB_ERROR_ACCESS", StringComparison.Ordinal));
        // The instrument libusb can take still goes through libusb.
        using var other = rm.Open<UsbInstrResource>(FakeLibUsb.Instrument);
        Assert.Equal("FAKE,USBTMC,FAKE0001,1.0\n", other.Query("*IDN?"));
    }

    [GccFact]
    public void Clear_trigger_status_byte_and_remote_local_are_the_drivers_ioctls()
    {
        using var fake = FakeUsbtmcKernel.Use(NoLibUsb);
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<UsbInstrResource>(FakeUsbtmcKernel.Name());
        instrument.Timeout = TimeSpan.FromSeconds(20);

        fake.Set("stb", 0x40);
        instrument.Write("*IDN?");
        Assert.Equal(0x50, instrument.ReadStb()); // the device's byte with MAV: a reply waits
        instrument.Clear();
        Assert.Equal(0x40, instrument.ReadStb()); // the clear dropped the reply
        instrument.AssertTrigger();
        instrument.ControlRen(RenMode.AssertAddressLocalLockout);
        Assert.Equal("remote=1 lockout=1 triggers=1 clears=1\n", instrument.Query("STATE?"));
        instrument.ControlRen(RenMode.DeassertGoToLocal);
        Assert.Equal("remote=0 lockout=0 triggers=1 clears=1\n", instrument.Query("STATE?"));

        Assert.Equal(1, fake.Counter("clear"));
        Assert.Equal(1, fake.Counter("trigger"));
        Assert.Equal(2, fake.Counter("ren"));
        Assert.Equal(1, fake.Counter("llo"));
        Assert.Equal(1, fake.Counter("gtl"));
    }

    [GccFact]
    public void Without_the_simple_and_trigger_capabilities_remote_local_and_trigger_are_refused_by_name()
    {
        using var fake = FakeUsbtmcKernel.Use(NoLibUsb);
        fake.Set("caps", 0x04); // 488.2 only
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<UsbInstrResource>(FakeUsbtmcKernel.Name());

        var ren = Assert.Throws<VisaException>(() => instrument.ControlRen(RenMode.Assert));
        var trigger = Assert.Throws<VisaException>(() => instrument.AssertTrigger());

        Assert.Equal(StatusCode.ErrorNonsupportedOperation, ren.Status);
        Assert.Contains("REN_CONTROL", ren.Message);
        Assert.Contains("USBTMC488_IOCTL_GET_CAPS", ren.Message);
        Assert.Equal(StatusCode.ErrorNonsupportedOperation, trigger.Status);
        Assert.Contains("TRIGGER", trigger.Message);
        Assert.Equal(0, fake.Counter("ren"));
        Assert.Equal(0, fake.Counter("trigger"));
    }

    [GccFact]
    public void A_timeout_aborts_the_bulk_in_transfer_and_the_next_query_works()
    {
        using var fake = FakeUsbtmcKernel.Use(NoLibUsb);
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<UsbInstrResource>(FakeUsbtmcKernel.Name());
        instrument.Timeout = TimeSpan.FromMilliseconds(300);

        var clock = Stopwatch.StartNew();
        var e = Assert.Throws<VisaException>(() => instrument.Query("SILENT?"));
        var elapsed = clock.Elapsed;

        Assert.Equal(StatusCode.ErrorTimeout, e.Status);
        Assert.Contains("ETIMEDOUT", e.Message);
        Assert.Contains("300 ms", e.Message);
        Assert.Contains("aborted", e.Message);
        Assert.True(elapsed < TimeSpan.FromMilliseconds(300) + TimeSpan.FromSeconds(2), $"the timeout took {elapsed}");
        Assert.Equal(1, fake.Counter("abort_in"));
        Assert.Equal(300, fake.Counter("timeout"));
        instrument.Timeout = TimeSpan.Zero; // VISA's "do not wait": the driver's shortest, 100 ms
        Assert.Throws<VisaException>(() => instrument.Read());
        Assert.Equal(100, fake.Counter("timeout"));
        instrument.Timeout = TimeSpan.FromSeconds(20);
        Assert.Equal("FAKE,USBTMC-KERNEL,KFAKE01,1.0\n", instrument.Query("*IDN?"));
    }

    [GccTheory]
    [InlineData(1)]
    [InlineData(0)]
    public void A_read_termination_stops_at_the_termchar_or_is_found_in_the_data_when_the_device_cannot(int capable)
    {
        using var fake = FakeUsbtmcKernel.Use(NoLibUsb);
        fake.Set("termchar_capable", capable);
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<UsbInstrResource>(FakeUsbtmcKernel.Name());
        instrument.Timeout = TimeSpan.FromSeconds(20);
        instrument.ReadTermination = "\n";

        instrument.Write("TWO?");
        var first = instrument.Read();

        Assert.Equal(StatusCode.SuccessTerminationCharacterRead, instrument.LastStatus);
        if (capable == 1)
        {
            Assert.Equal("first", first);
            Assert.Equal("second", instrument.Read());
        }
        else
        {
            Assert.Equal("first\nsecond", first); // the driver refused the TermChar (EINVAL): the device sends it all
        }
    }

    [GccFact]
    public void Without_send_end_the_message_is_not_ended_until_a_write_with_eom()
    {
        using var fake = FakeUsbtmcKernel.Use(NoLibUsb);
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<UsbInstrResource>(FakeUsbtmcKernel.Name());
        instrument.Timeout = TimeSpan.FromSeconds(20);

        instrument.SendEnd = false;
        instrument.WriteRaw("*ID"u8);
        Assert.Equal(0, fake.Counter("eom"));
        instrument.SendEnd = true;
        instrument.WriteRaw("N?"u8);

        Assert.Equal("FAKE,USBTMC-KERNEL,KFAKE01,1.0\n", instrument.Read());
        Assert.Equal(1, fake.Counter("eom"));
    }

    [GccFact]
    public void A_node_this_user_may_not_open_names_the_udev_rule()
    {
        using var fake = FakeUsbtmcKernel.Use(NoLibUsb);
        fake.Set("deny_open", 13); // EACCES
        using var rm = new ResourceManager("@managed");

        var e = Assert.Throws<VisaException>(() => rm.Open<UsbInstrResource>(FakeUsbtmcKernel.Name()));

        Assert.Equal(StatusCode.ErrorNoPermission, e.Status);
        Assert.Contains("EACCES", e.Message);
        Assert.Contains("usbtmc0", e.Message);
        Assert.Contains("KERNEL==\"usbtmc*\"", e.Message);
        Assert.Contains("libusb is not usable", e.Message);
    }

    [GccFact]
    public void A_stalled_endpoint_is_cleared_and_a_vanished_device_is_a_lost_connection()
    {
        using var fake = FakeUsbtmcKernel.Use(NoLibUsb);
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<UsbInstrResource>(FakeUsbtmcKernel.Name());
        instrument.Timeout = TimeSpan.FromSeconds(20);

        instrument.Write("STALL");
        var stall = Assert.Throws<VisaException>(() => instrument.Query("*IDN?"));
        Assert.Equal(StatusCode.ErrorIO, stall.Status);
        Assert.Contains("EPIPE", stall.Message);
        Assert.Contains("halt was cleared", stall.Message);
        Assert.Equal(1, fake.Counter("halts_cleared"));
        Assert.Equal("FAKE,USBTMC-KERNEL,KFAKE01,1.0\n", instrument.Query("*IDN?"));

        instrument.Write("VANISH");
        var lost = Assert.Throws<VisaException>(() => instrument.Query("*IDN?"));
        Assert.Equal(StatusCode.ErrorConnectionLost, lost.Status);
        Assert.Contains("ENODEV", lost.Message);
        Assert.Contains("Plug it in again", lost.Message);
    }

    [GccFact]
    public void Control_transfers_say_they_need_libusb()
    {
        using var fake = FakeUsbtmcKernel.Use(NoLibUsb);
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<UsbInstrResource>(FakeUsbtmcKernel.Name());

        var e = Assert.Throws<VisaException>(() => instrument.ControlIn(0xA1, 7, 0, 0, 0x18));

        Assert.Equal(StatusCode.ErrorNonsupportedOperation, e.Status);
        Assert.Contains("kernel's usbtmc driver", e.Message);
        Assert.Contains("libusb", e.Message);
    }
}
