using OpenVisa.Managed.Serial;

namespace OpenVisa.Managed.Tests.Serial;

/// <summary>Port discovery over a made-up <c>/dev</c> and sysfs, so it is tested without serial hardware.</summary>
public sealed class SerialPortDiscoveryTests
{
    [Fact]
    public void Ports_with_hardware_are_listed_with_their_by_id_alias_and_usb_ids()
    {
        if (OperatingSystem.IsWindows())
            return;
        var root = Directory.CreateTempSubdirectory("ovisa-sysfs-").FullName;
        try
        {
            var dev = Path.Combine(root, "dev");
            var sys = Path.Combine(root, "sys");
            foreach (var name in (string[])["ttyS0", "ttyS1", "ttyS2", "ttyUSB0", "ttyACM0", "ttyAMA0"])
                File.WriteAllText(Path.Combine(Directory.CreateDirectory(dev).FullName, name), "");
            // ttyS0 has a UART, ttyS1 is an empty 8250 slot, ttyS2 has no device at all.
            Directory.CreateDirectory(Path.Combine(sys, "ttyS0", "device"));
            File.WriteAllText(Path.Combine(sys, "ttyS0", "type"), "4\n");
            Directory.CreateDirectory(Path.Combine(sys, "ttyS1", "device"));
            File.WriteAllText(Path.Combine(sys, "ttyS1", "type"), "0\n");
            // ttyUSB0: device -> usb interface; the USB device with its IDs is two levels up.
            var usbDevice = Directory.CreateDirectory(Path.Combine(root, "usb", "1-1")).FullName;
            File.WriteAllText(Path.Combine(usbDevice, "idVendor"), "0403\n");
            File.WriteAllText(Path.Combine(usbDevice, "idProduct"), "6001\n");
            Directory.CreateDirectory(Path.Combine(usbDevice, "1-1:1.0", "ttyUSB0"));
            Directory.CreateDirectory(Path.Combine(sys, "ttyUSB0"));
            Directory.CreateSymbolicLink(Path.Combine(sys, "ttyUSB0", "device"), Path.Combine(usbDevice, "1-1:1.0", "ttyUSB0"));
            Directory.CreateDirectory(Path.Combine(sys, "ttyACM0", "device"));
            var byId = Directory.CreateDirectory(Path.Combine(dev, "serial", "by-id")).FullName;
            File.CreateSymbolicLink(Path.Combine(byId, "usb-FTDI_FT232R_A123-if00-port0"), "../../ttyUSB0");

            var ports = SerialPortDiscovery.FindLinux(dev, sys);

            Assert.Equal(["ASRL1::INSTR", "ASRL/dev/ttyUSB0::INSTR", "ASRL/dev/ttyACM0::INSTR"], ports.Select(p => p.ResourceName));
            var usb = ports.Single(p => p.Device == "/dev/ttyUSB0");
            Assert.Equal(Path.Combine(byId, "usb-FTDI_FT232R_A123-if00-port0"), usb.Alias);
            Assert.Equal("0403:6001", usb.UsbId);
            Assert.Null(ports.Single(p => p.Device == "/dev/ttyACM0").UsbId);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void ListResources_lists_only_ports_that_parse_as_asrl_names()
    {
        using var rm = new ResourceManager("@managed");

        var ports = rm.ListResources("ASRL?*::INSTR");

        Assert.All(ports, p => Assert.Equal(InterfaceType.Asrl, ResourceName.Parse(p).InterfaceType));
        // The system's ports are all there (next to the ones this process opened before, which the library remembers).
        Assert.All(SerialPortDiscovery.Find(), p => Assert.Contains(p.ResourceName, ports));
    }
}
