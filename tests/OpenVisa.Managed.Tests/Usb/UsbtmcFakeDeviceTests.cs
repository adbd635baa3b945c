using System.Diagnostics;
using OpenVisa.Managed.Tests.Gpib;

namespace OpenVisa.Managed.Tests.Usb;

/// <summary>USBTMC / USB488 sessions against the fake libusb's instrument: the normal paths, listing and the kernel driver.</summary>
[Collection(UsbEnvironment.Name)]
public sealed class UsbtmcFakeDeviceTests
{
    [GccFact]
    public void A_query_and_a_block_longer_than_one_request_come_back_whole()
    {
        using var fake = FakeLibUsb.Use();
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<UsbInstrResource>(FakeLibUsb.Instrument);
        instrument.Timeout = TimeSpan.FromSeconds(20);

        Assert.Equal("FAKE,USBTMC,FAKE0001,1.0\n", instrument.Query("*IDN?"));
        var count = 3 * 1024 * 1024 + 5; // more than one 1 MiB request: several DEV_DEP_MSG_IN replies
        var block = instrument.QueryBinaryValues<byte>($"DATA? {count}");

        Assert.Equal(count, block.Length);
        Assert.True(block.Select((b, i) => b == (byte)(i * 7)).All(ok => ok), "the block's bytes differ from the device's pattern");
        Assert.True(fake.Counter("requests") >= 4, $"only {fake.Counter("requests")} REQUEST_DEV_DEP_MSG_IN were sent");
        Assert.Equal(0xF4CE, instrument.ManufacturerId);
        Assert.Equal(0x0001, instrument.ModelCode);
        Assert.Equal("FAKE0001", instrument.SerialNumber);
    }

    [GccFact]
    public void A_command_longer_than_the_sessions_own_message_buffer_goes_out_as_one_message()
    {
        using var fake = FakeLibUsb.Use();
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<UsbInstrResource>(FakeLibUsb.Instrument);
        var messages = fake.Counter("messages");

        // 3000 bytes: past the 1 KiB buffer a session keeps for commands, so the message is built in a pooled one.
        instrument.Write("STB 21" + new string(' ', 3000));

        Assert.Equal(messages + 1, fake.Counter("messages")); // one DEV_DEP_MSG_OUT with EOM, not a message per piece
        Assert.Equal(21, instrument.ReadStb());
        Assert.Equal("FAKE,USBTMC,FAKE0001,1.0\n", instrument.Query("*IDN?")); // and a short one after it takes the session's buffer again
    }

    [GccFact]
    public void A_read_termination_asks_the_device_to_stop_at_the_termchar()
    {
        using var fake = FakeLibUsb.Use();
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<UsbInstrResource>(FakeLibUsb.Instrument);
        instrument.ReadTermination = "\n";

        instrument.Write("TWO?");
        Assert.Equal("first", instrument.Read());
        Assert.Equal(StatusCode.SuccessTerminationCharacterRead, instrument.LastStatus);
        Assert.Equal("second", instrument.Read());
    }

    [GccFact]
    public void The_kernel_driver_is_detached_while_open_and_given_back_on_close()
    {
        using var fake = FakeLibUsb.Use();
        using var rm = new ResourceManager("@managed");
        Assert.Equal(1, fake.Counter("kernel_driver"));

        var instrument = rm.Open<UsbInstrResource>("usb0::0xf4ce::0x0001::fake0001::instr"); // names are case-insensitive
        Assert.Equal(0, fake.Counter("kernel_driver"));
        instrument.Dispose();

        Assert.Equal(1, fake.Counter("kernel_driver"));
        Assert.Equal(1, fake.Counter("attach"));
    }

    [GccFact]
    public void Listing_shows_usbtmc_instruments_and_for_raw_queries_every_interface()
    {
        using var fake = FakeLibUsb.Use();
        using var library = new ManagedLibrary("") { DiscoveryTimeout = TimeSpan.Zero };
        var rm = library.OpenDefaultResourceManager();

        var instr = library.ListResources(rm, "USB?*::INSTR");
        var raw = library.ListResources(rm, "USB?*::RAW");

        Assert.Equal([FakeLibUsb.Instrument], instr); // the device this user may not open has no readable serial number
        Assert.Equal([FakeLibUsb.Instrument.Replace("INSTR", "RAW", StringComparison.Ordinal), FakeLibUsb.Raw], raw);
        var info = library.GetDebugInfo();
        Assert.Contains(info, kv => kv.Key.StartsWith("USB device f4ce:0003", StringComparison.Ordinal) && kv.Value.Contains("LIBUSB_ERROR_ACCESS", StringComparison.Ordinal));
        Assert.Contains(info, kv => kv.Key == "USB (libusb)" && kv.Value.StartsWith(fake.Path, StringComparison.Ordinal));
    }

    [GccFact]
    public void Clear_trigger_remote_local_and_the_status_byte_use_the_usb488_requests()
    {
        using var fake = FakeLibUsb.Use();
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<UsbInstrResource>(FakeLibUsb.Instrument);

        instrument.Clear();
        instrument.AssertTrigger();
        instrument.ControlRen(RenMode.AssertAddressLocalLockout);
        instrument.ControlRen(RenMode.DeassertGoToLocal);
        instrument.Write("STB 16");
        var statusByte = instrument.ReadStb(); // READ_STATUS_BYTE, answered on the interrupt endpoint

        Assert.Equal(16, statusByte);
        Assert.Equal("1,1,0,0,2,1,1\n", instrument.Query("COUNTS?")); // clear, trigger, aborts in/out, ren, gtl, llo
        Assert.Equal(1, fake.Counter("clear_halt")); // the bulk-OUT halt cleared after INITIATE_CLEAR
    }

    [GccFact]
    public void A_service_request_on_the_interrupt_endpoint_is_a_visa_event()
    {
        using var fake = FakeLibUsb.Use();
        using var rm = new ResourceManager("@managed");
        using var instrument = rm.Open<UsbInstrResource>(FakeLibUsb.Instrument);
        instrument.EnableEvent(EventType.ServiceRequest);

        instrument.Write("STB 4");
        instrument.Write("SRQ");
        var srq = instrument.WaitOnEvent(EventType.ServiceRequest, TimeSpan.FromSeconds(20));

        Assert.Equal(EventType.ServiceRequest, srq.Type);
        Assert.Equal((byte)0x44, srq.StatusByte);
    }

    [GccFact]
    public void A_raw_device_moves_bulk_data_and_control_transfers()
    {
        using var fake = FakeLibUsb.Use();
        using var rm = new ResourceManager("@managed");
        using var device = rm.Open<UsbRawResource>(FakeLibUsb.Raw);
        device.Timeout = TimeSpan.FromSeconds(10);

        device.WriteRaw([1, 2, 3, 250]);
        var echoed = device.ReadRaw();
        device.ControlOut(0x40, 0x02, 0, 0, "hello"u8);
        var control = device.ControlIn(0xC0, 0x01, 0, 0, 16);

        Assert.Equal([1, 2, 3, 250], echoed);
        Assert.Equal("hello"u8.ToArray(), control);
        Assert.Equal((short)0x01, device.GetAttribute<short>(VisaAttribute.UsbBulkOutPipe));
        Assert.Equal((short)0x82, device.GetAttribute<short>(VisaAttribute.UsbBulkInPipe));
        Assert.Equal((short)0xFF, device.GetAttribute<short>(VisaAttribute.UsbClass));
    }
}
