namespace OpenVisa.Fuzz.Targets;

/// <summary>
/// Resource names: <see cref="ResourceName.Parse"/> either parses or throws VI_ERROR_INV_RSRC_NAME; a name it parses
/// parses again from its canonical form to an equal name.
/// </summary>
public sealed class ResourceNameTarget : TextTarget
{
    /// <inheritdoc/>
    public override string Name => "resource-name";

    /// <inheritdoc/>
    public override string Description => "VISA resource names through ResourceName.Parse, and back through ToString";

    /// <inheritdoc/>
    public override int MaxInputLength => 512;

    /// <inheritdoc/>
    protected override IEnumerable<string> SeedTexts() =>
    [
        "TCPIP0::192.168.1.20::inst0::INSTR", "TCPIP::10.0.0.1::5025::SOCKET", "TCPIP0::[fe80::1%eth0]::hislip0,4880::INSTR",
        "TCPIP::host.example::hislip1[x]::INSTR", "GPIB0::12::5::INSTR", "GPIB1::INTFC", "ASRL3::INSTR", "ASRL/dev/ttyUSB0::INSTR",
        "USB0::0x0957::0x1796::MY123::0::INSTR", "USB::0x1AB1::0x04CE::DS1ZA1::RAW", "PXI0::2-12.1::INSTR", "VXI0::1::BACKPLANE",
        "GPIB-VXI0::3::INSTR", "TCPIP0::myhost::inst0::INSTR", "psu", "ASRLCOM3::INSTR", "TCPIP0::localhost::5025::SOCKET",
    ];

    /// <inheritdoc/>
    protected override IEnumerable<string> TokenTexts => ["::", "TCPIP", "GPIB", "USB", "ASRL", "hislip", "INSTR", "SOCKET", "[", "]", ",", "0x", "%", "-", "."];

    /// <inheritdoc/>
    protected override void Run(string text)
    {
        var name = ResourceName.Parse(text);
        var canonical = name.ToString();
        if (!ResourceName.TryParse(canonical, out var again) || again != name)
            throw Broken($"'{text}' parsed, but its canonical form '{canonical}' does not parse back to the same name");
    }

    /// <inheritdoc/>
    public override bool IsExpected(Exception error) => error is VisaException { Status: StatusCode.ErrorInvalidResourceName };
}
