namespace OpenVisa.Fuzz.Targets;

/// <summary>
/// Resource patterns as viFindRsrc takes them (regular expression and optional attribute expression): a pattern either
/// compiles or throws VI_ERROR_INV_EXPR, and a compiled one matches names without throwing.
/// </summary>
public sealed class PatternTarget : TextTarget
{
    private static readonly string[] Names =
    [
        "TCPIP0::192.168.1.20::inst0::INSTR", "GPIB0::12::INSTR", "ASRL1::INSTR", "USB0::0x0957::0x1796::MY123::0::INSTR",
        "TCPIP0::host::5025::SOCKET", new string('A', 300) + "::INSTR",
    ];

    /// <inheritdoc/>
    public override string Name => "resource-pattern";

    /// <inheritdoc/>
    public override string Description => "viFindRsrc patterns through VisaPattern.Parse and IsMatch";

    /// <inheritdoc/>
    public override int MaxInputLength => 512;

    /// <inheritdoc/>
    protected override IEnumerable<string> SeedTexts() =>
    [
        "?*::INSTR", "?*", "GPIB?*INSTR", "GPIB[0-9]*::?*INSTR", "TCPIP[!0]*", "(GPIB|VXI)?*INSTR", "?*INSTR{VI_ATTR_GPIB_PRIMARY_ADDR==12}",
        "?*{VI_ATTR_MANF_ID==0x0957 && (VI_ATTR_MODEL_CODE==0x1796 || VI_ATTR_MODEL_CODE!=1)}", "ASRL+[0-9]::INSTR", "?*{VI_ATTR_USB_SERIAL_NUM==\"MY*\"}",
    ];

    /// <inheritdoc/>
    protected override IEnumerable<string> TokenTexts => ["?*", "*", "+", "[", "]", "(", ")", "|", "{", "}", "==", "!=", "&&", "||", "!", "\"", "VI_ATTR_", "\\"];

    /// <inheritdoc/>
    protected override void Run(string text)
    {
        var pattern = VisaPattern.Parse(text);
        foreach (var name in Names)
            pattern.IsMatch(name);
    }

    /// <inheritdoc/>
    public override bool IsExpected(Exception error) => error is VisaException { Status: StatusCode.ErrorInvalidExpression };
}
