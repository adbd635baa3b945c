using OpenVisa.Managed.Serial;

namespace OpenVisa.Managed.Tests.Serial;

public sealed class SerialDevicePathTests
{
    [Theory]
    [InlineData(1, false, "/dev/ttyS0")]
    [InlineData(4, false, "/dev/ttyS3")]
    [InlineData(1, true, "COM1")]
    [InlineData(12, true, "COM12")]
    public void Numbered_ports_map_as_visa_numbers_them(int number, bool windows, string expected) =>
        Assert.Equal(expected, SerialDevicePath.ForNumber(number, windows));

    [Theory]
    [InlineData("ASRL/dev/ttyUSB0::INSTR", "/dev/ttyUSB0")]
    [InlineData("ASRLCOM3::INSTR", "COM3")]
    public void A_device_in_the_name_is_taken_as_written(string name, string expected) =>
        Assert.Equal(expected, SerialDevicePath.For(ResourceName.Parse(name)));

    [Theory]
    [InlineData("/dev/ttyS0", false, "ASRL1::INSTR")]
    [InlineData("/dev/ttyUSB0", false, "ASRL/dev/ttyUSB0::INSTR")]
    [InlineData("COM7", true, "ASRL7::INSTR")]
    public void Devices_get_the_name_visa_gives_them(string device, bool windows, string expected) =>
        Assert.Equal(expected, SerialDevicePath.ResourceNameFor(device, windows));
}
