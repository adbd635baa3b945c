using System.Diagnostics;
using System.Globalization;
using OpenVisa.Sim.Profiles;

namespace OpenVisa.Sim.Runtime;

internal sealed partial class SimInstrument
{
    private bool _operationCompletePending;

    /// <summary>
    /// The IEEE 488.2 common commands and SCPI's <c>SYSTem:ERRor</c> family, answered for every instrument whose definition
    /// does not answer them itself: <c>*IDN? *RST *CLS *ESR? *ESE *ESE? *SRE *SRE? *STB? *OPC *OPC? *WAI *TST? *TRG</c>,
    /// <c>SYSTem:ERRor[:NEXT]? SYSTem:ERRor:COUNt? SYSTem:ERRor:ALL?</c>.
    /// </summary>
    private UnitOutcome HandleCommon(ReadOnlySpan<char> text)
    {
        Span<Range> ranges = stackalloc Range[8];
        var unit = ScpiUnit.Parse(text, ranges);
        var status = _context.Status;
        if (unit.IsCommon && unit.Count == 1)
        {
            var header = unit.Mnemonic(0)[1..];
            var query = unit.IsQuery;
            if (header.Equals("IDN", StringComparison.OrdinalIgnoreCase) && query)
                return Reply(_handler.Identification);
            if (header.Equals("RST", StringComparison.OrdinalIgnoreCase) && !query)
            {
                _handler.Reset(_context);
                return UnitOutcome.NoReply;
            }
            if (header.Equals("CLS", StringComparison.OrdinalIgnoreCase) && !query)
            {
                status.Clear();
                _handler.ClearStatus();
                _operationCompletePending = false;
                return UnitOutcome.NoReply;
            }
            if (header.Equals("ESR", StringComparison.OrdinalIgnoreCase) && query)
                return Reply(status.ReadEsr());
            if (header.Equals("ESE", StringComparison.OrdinalIgnoreCase))
                return query ? Reply(status.Ese) : SetRegister(unit.Parameters, value => status.Ese = value);
            if (header.Equals("SRE", StringComparison.OrdinalIgnoreCase))
                return query ? Reply(status.Sre) : SetRegister(unit.Parameters, value => status.Sre = (byte)(value & ~StatusModel.RequestService));
            if (header.Equals("STB", StringComparison.OrdinalIgnoreCase) && query)
                return Reply(status.QueryStatusByte(MessageAvailable()));
            if (header.Equals("OPC", StringComparison.OrdinalIgnoreCase))
            {
                if (query)
                {
                    // The reply is ready when every earlier command has finished.
                    _context.Delay = Math.Max(0, (double)(_busyUntil - Stopwatch.GetTimestamp()) / Stopwatch.Frequency);
                    return Reply("1");
                }
                if (_busyUntil <= Stopwatch.GetTimestamp())
                    status.Esr |= StatusModel.OperationComplete;
                else
                    _operationCompletePending = true;
                return UnitOutcome.NoReply;
            }
            if (header.Equals("WAI", StringComparison.OrdinalIgnoreCase) && !query)
                return UnitOutcome.NoReply;
            if (header.Equals("TST", StringComparison.OrdinalIgnoreCase) && query)
                return Reply("0");
            if (header.Equals("TRG", StringComparison.OrdinalIgnoreCase) && !query)
            {
                TriggerCount++;
                return UnitOutcome.NoReply;
            }
            return UnitOutcome.Unmatched;
        }
        if (unit.IsQuery && unit.Parameters.IsEmpty && unit.Count is 2 or 3 && SystemNode.Matches(unit.Mnemonic(0)) && ErrorNode.Matches(unit.Mnemonic(1)))
        {
            if (unit.Count == 2 || NextNode.Matches(unit.Mnemonic(2)))
                return Reply(status.PopError());
            if (CountNode.Matches(unit.Mnemonic(2)))
                return Reply(status.ErrorCount.ToString(CultureInfo.InvariantCulture));
            if (AllNode.Matches(unit.Mnemonic(2)))
                return Reply(status.PopAll());
        }
        return UnitOutcome.Unmatched;
    }

    private static readonly ScpiMnemonic SystemNode = ScpiMnemonic.FromKey("SYSTem");
    private static readonly ScpiMnemonic ErrorNode = ScpiMnemonic.FromKey("ERRor");
    private static readonly ScpiMnemonic NextNode = ScpiMnemonic.FromKey("NEXT");
    private static readonly ScpiMnemonic CountNode = ScpiMnemonic.FromKey("COUNt");
    private static readonly ScpiMnemonic AllNode = ScpiMnemonic.FromKey("ALL");

    private UnitOutcome SetRegister(ReadOnlySpan<char> parameters, Action<byte> set)
    {
        if (parameters.IsEmpty)
        {
            _context.Status.PushError(-109, "Missing parameter");
            return UnitOutcome.NoReply;
        }
        if (!double.TryParse(parameters, NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
        {
            _context.Status.PushError(-104, "Data type error");
            return UnitOutcome.NoReply;
        }
        var rounded = Math.Round(value);
        if (rounded is < 0 or > 255)
        {
            _context.Status.PushError(-222, "Data out of range");
            return UnitOutcome.NoReply;
        }
        set((byte)rounded);
        return UnitOutcome.NoReply;
    }

    private UnitOutcome Reply(byte value)
    {
        Span<char> digits = stackalloc char[3];
        value.TryFormat(digits, out var written, default, CultureInfo.InvariantCulture);
        _context.Reply.AppendLatin1(digits[..written]);
        return UnitOutcome.Reply;
    }

    private UnitOutcome Reply(string text)
    {
        _context.Reply.AppendUtf8(text);
        return UnitOutcome.Reply;
    }
}
