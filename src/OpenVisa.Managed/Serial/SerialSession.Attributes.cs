using System.IO.Ports;

namespace OpenVisa.Managed.Serial;

// The serial attributes: each write goes to the port first and is stored only when the port took it, so what
// GetAttribute reports is what the line does. Line states and the byte count are read from the port each time.
internal sealed partial class SerialSession
{
    private ushort _dataBits = 8;
    private bool _discardNull;

    /// <inheritdoc/>
    protected override object OnGetAttribute(VisaAttribute attribute)
    {
        switch (attribute)
        {
            case VisaAttribute.AsrlAvailableBytes:
                ThrowIfLost("GetAttribute");
                return (uint)BytesWaiting;
            case VisaAttribute.AsrlCtsState:
                return ReadLine(() => _port.CtsHolding);
            case VisaAttribute.AsrlDsrState:
                return ReadLine(() => _port.DsrHolding);
            case VisaAttribute.AsrlDcdState:
                return ReadLine(() => _port.CDHolding);
            case VisaAttribute.AsrlRiState:
                return VisaLineUnknown; // System.IO.Ports does not report the ring indicator
            case VisaAttribute.AsrlDtrState:
                return SerialFraming.LineState(_port.DtrEnable);
            case VisaAttribute.AsrlRtsState:
                return SerialFraming.LineState(_port.RtsEnable);
            default:
                return base.OnGetAttribute(attribute);
        }
    }

    /// <summary><c>VI_STATE_UNKNOWN</c>.</summary>
    private const short VisaLineUnknown = -1;

    /// <summary>An input line, or unknown when the port has none (a pty, some USB adapters): VISA's answer for "cannot tell".</summary>
    private short ReadLine(Func<bool> read)
    {
        ThrowIfLost("GetAttribute");
        try
        {
            return SerialFraming.LineState(read());
        }
        catch (IOException)
        {
            return VisaLineUnknown;
        }
    }

    /// <inheritdoc/>
    protected override StatusCode OnSetAttribute(VisaAttribute attribute, object value)
    {
        switch (attribute)
        {
            case VisaAttribute.AsrlBaudRate:
            {
                var baud = (uint)Attributes.Validate(attribute, value);
                if (baud > int.MaxValue)
                    throw Refused(attribute, baud, "it is beyond any serial port's range");
                Apply(attribute, baud, () => _port.BaudRate = (int)baud);
                return StatusCode.Success;
            }
            case VisaAttribute.AsrlDataBits:
            {
                var bits = (ushort)Attributes.Validate(attribute, value);
                Apply(attribute, bits, () => _port.DataBits = bits);
                Volatile.Write(ref _dataBits, bits);
                return StatusCode.Success;
            }
            case VisaAttribute.AsrlParity:
            {
                var parity = (ushort)Attributes.Validate(attribute, value);
                Apply(attribute, parity, () => _port.Parity = SerialFraming.ToParity(parity));
                return StatusCode.Success;
            }
            case VisaAttribute.AsrlStopBits:
            {
                var stop = (ushort)Attributes.Validate(attribute, value);
                Apply(attribute, stop, () => _port.StopBits = SerialFraming.ToStopBits(stop));
                return StatusCode.Success;
            }
            case VisaAttribute.AsrlFlowControl:
            {
                var flow = (ushort)Attributes.Validate(attribute, value);
                var handshake = SerialFraming.ToHandshake(flow)
                    ?? throw Refused(attribute, flow, "System.IO.Ports has no DTR/DSR flow control (only none, XON/XOFF, RTS/CTS, or XON/XOFF with RTS/CTS)");
                Apply(attribute, flow, () => _port.Handshake = handshake);
                return StatusCode.Success;
            }
            case VisaAttribute.AsrlXonCharacter or VisaAttribute.AsrlXoffCharacter:
            {
                var character = (byte)Attributes.Validate(attribute, value);
                var standard = attribute == VisaAttribute.AsrlXonCharacter ? (byte)0x11 : (byte)0x13;
                if (character != standard)
                    throw Refused(attribute, $"0x{character:X2}", $"System.IO.Ports always uses the standard character 0x{standard:X2}");
                Attributes.SetInternal(attribute, character);
                return StatusCode.Success;
            }
            case VisaAttribute.AsrlDtrState or VisaAttribute.AsrlRtsState:
            {
                var state = (short)Attributes.Validate(attribute, value);
                if (state is not (0 or 1))
                    throw Refused(attribute, state, "an output line is set to asserted (1) or unasserted (0)");
                if (attribute == VisaAttribute.AsrlDtrState)
                    Apply(attribute, state, () => _port.DtrEnable = state == 1);
                else
                    Apply(attribute, state, () => _port.RtsEnable = state == 1);
                return StatusCode.Success;
            }
            case VisaAttribute.AsrlDcdState or VisaAttribute.AsrlRiState:
                Attributes.Validate(attribute, value);
                throw Refused(attribute, value, "the port is a DTE (a computer's port), where DCD and RI are inputs; only a DCE sets them");
            case VisaAttribute.AsrlWireMode:
                Attributes.Validate(attribute, value);
                throw Refused(attribute, value, "System.IO.Ports cannot switch a transceiver between RS-232 and RS-485 modes; set it with the adapter's own tool");
            case VisaAttribute.AsrlBreakState:
            {
                var state = (short)Attributes.Validate(attribute, value);
                if (state is not (0 or 1))
                    throw Refused(attribute, state, "a break is asserted (1) or unasserted (0)");
                if (state == 1)
                    DrainOutput("SetAttribute", System.Diagnostics.Stopwatch.GetTimestamp(), TimeoutMilliseconds, 0); // the kernel's own drain before a break has no bound
                Apply(attribute, state, () => SetBreakLine(state == 1, "SetAttribute"));
                return StatusCode.Success;
            }
            case VisaAttribute.AsrlReplaceCharacter:
            {
                var character = (byte)Attributes.Validate(attribute, value);
                Apply(attribute, character, () => _port.ParityReplace = character);
                return StatusCode.Success;
            }
            case VisaAttribute.AsrlDiscardNull:
            {
                var discard = (bool)Attributes.Validate(attribute, value);
                Attributes.SetInternal(attribute, discard);
                Volatile.Write(ref _discardNull, discard);
                return StatusCode.Success;
            }
            case VisaAttribute.AsrlAllowTransmit:
            {
                var allow = (bool)Attributes.Validate(attribute, value);
                Attributes.SetInternal(attribute, allow);
                if (allow)
                    _transmitAllowed.Set();
                else
                    _transmitAllowed.Reset();
                return StatusCode.Success;
            }
            case VisaAttribute.IOProtocol:
            {
                var protocol = (ushort)Attributes.Validate(attribute, value);
                if (protocol is not (1 or Protocol4882Strings))
                    throw Refused(attribute, protocol, "a serial line speaks 1 (normal) or 4 (IEEE 488.2 strings)");
                Attributes.SetInternal(attribute, protocol);
                return StatusCode.Success;
            }
            default:
                return base.OnSetAttribute(attribute, value);
        }
    }

    /// <summary>Applies a setting to the port and stores it; a port that refuses it gives an error naming the attribute.</summary>
    private void Apply(VisaAttribute attribute, object value, Action apply)
    {
        ThrowIfLost("SetAttribute");
        try
        {
            apply();
        }
        catch (Exception e) when (e is ArgumentException or IOException)
        {
            var why = e is IOException && attribute is VisaAttribute.AsrlDtrState or VisaAttribute.AsrlRtsState
                ? $"the device has no modem control lines (a pty, or an adapter without them): {e.Message}"
                : $"the device refused it ({e.Message}); a pty takes only 8 data bits without parity, and a real port only the rates and framings its hardware has";
            throw Refused(attribute, VisaAttributes.Format(attribute, value), why, e);
        }
        catch (Exception e) when (e is InvalidOperationException or ObjectDisposedException)
        {
            throw PortFailure("SetAttribute", e, 0);
        }
        Attributes.SetInternal(attribute, value);
    }

    private VisaException Refused(VisaAttribute attribute, object value, string why, Exception? inner = null) =>
        new(StatusCode.ErrorNonsupportedAttributeState,
            $"The serial port {Device} cannot take {VisaAttributes.Info(attribute).Name} = {value}: {why}.", "SetAttribute", ResourceName, inner);
}
