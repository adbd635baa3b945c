using System.Globalization;
using OpenVisa.Managed.Sessions;

namespace OpenVisa.Managed.Gpib.LinuxGpib;

/// <summary>
/// A <c>GPIBn::pad[::sad]::INSTR</c> session through the GPIB driver library (linux-gpib): <c>ibdev</c> opens the
/// device descriptor; reads end on EOI (END) or, with <c>VI_ATTR_TERMCHAR_EN</c>, on the EOS character; writes assert
/// EOI on their last byte when <c>VI_ATTR_SEND_END_EN</c> is on; <c>Clear</c> is <c>ibclr</c>, <c>AssertTrigger</c>
/// <c>ibtrg</c>, <c>ReadStb</c> a serial poll (<c>ibrsp</c>), go-to-local <c>ibloc</c>. Driver errors become VISA
/// statuses (<see cref="GpibErrors"/>).
/// </summary>
/// <remarks>The driver's calls block; each is bounded by the descriptor's timeout, set from <c>VI_ATTR_TMO_VALUE</c> before the call when it changed.</remarks>
internal sealed class LinuxGpibSession : ManagedSession
{
    private const int IbcTmo = 0x3;
    private const int IbcEot = 0x4;
    private const int IbcEosRead = 0xC;
    private const int IbcEosChar = 0xF;
    private const ushort NoSecondaryAddress = 0xFFFF;

    private readonly GpibDriverLibrary _driver;
    private readonly int _ud;
    private readonly GpibAddress _address;
    private readonly Lock _gate = new();
    private uint _appliedTimeout;
    private int _appliedEos = -1;
    private bool? _appliedEot;

    private LinuxGpibSession(SessionOpening opening, GpibDriverLibrary driver, int ud, GpibAddress address)
        : base(opening,
        [
            new(VisaAttribute.GpibPrimaryAddress, (ushort)address.Primary),
            new(VisaAttribute.GpibSecondaryAddress, address.Secondary is { } s ? (ushort)s : NoSecondaryAddress),
        ])
    {
        _driver = driver;
        _ud = ud;
        _address = address;
        _appliedTimeout = TimeoutMilliseconds;
    }

    /// <inheritdoc/>
    public override string InterfaceDescription => "GPIB INSTR";

    private string Where => $"GPIB address {_address} on board {Opening.Name.BoardNumber ?? 0}";

    /// <summary>Opens the device descriptor with <c>ibdev</c>.</summary>
    public static LinuxGpibSession Open(SessionOpening opening, GpibDriverLibrary driver)
    {
        var address = GpibAddress.From(opening.Name);
        var board = opening.Name.BoardNumber ?? 0;
        var timeout = VisaAttributes.Info(VisaAttribute.TimeoutValue).Default is uint ms ? ms : 2000u;
        var ud = driver.Dev(board, address.Primary, address.Secondary is { } s ? s + 96 : 0, GpibErrors.TimeoutCode(timeout), sendEoi: true, eosMode: 0);
        if (ud < 0)
        {
            throw GpibErrors.ToVisa(driver.Status, "Open", opening.ResourceName,
                $"GPIB address {address} on board {board.ToString(CultureInfo.InvariantCulture)} (through {driver.Path})", timeout);
        }
        return new LinuxGpibSession(opening, driver, ud, address);
    }

    /// <inheritdoc/>
    public override ReadResult Read(Span<byte> buffer)
    {
        if (buffer.IsEmpty)
            return new ReadResult(0, StatusCode.SuccessMaxCountRead);
        lock (_gate)
        {
            ApplyTimeout("Read");
            var termEnabled = TerminationCharacterEnabled;
            var term = TerminationCharacter;
            // EOS mode: REOS (0x400) and the character in the low byte; 0 turns EOS detection off.
            var eos = termEnabled ? 0x400 | term : 0;
            if (_appliedEos != eos)
            {
                Check(_driver.Config(_ud, IbcEosRead, termEnabled ? 1 : 0), "Read");
                if (termEnabled)
                    Check(_driver.Config(_ud, IbcEosChar, term), "Read");
                _appliedEos = eos;
            }
            _driver.Read(_ud, buffer);
            var status = _driver.Status;
            if (status.IsError)
                throw GpibErrors.ToVisa(status, "Read", ResourceName, Where, TimeoutMilliseconds);
            var count = (int)Math.Min(status.Count, buffer.Length);
            if (termEnabled && count > 0 && buffer[count - 1] == term)
                return new ReadResult(count, StatusCode.SuccessTerminationCharacterRead);
            if (status.Ended && !SuppressEndEnabled)
                return new ReadResult(count, StatusCode.Success);
            return new ReadResult(count, StatusCode.SuccessMaxCountRead);
        }
    }

    /// <inheritdoc/>
    public override int Write(ReadOnlySpan<byte> data)
    {
        lock (_gate)
        {
            ApplyTimeout("Write");
            var eot = SendEndEnabled;
            if (_appliedEot != eot)
            {
                Check(_driver.Config(_ud, IbcEot, eot ? 1 : 0), "Write");
                _appliedEot = eot;
            }
            _driver.Write(_ud, data);
            var status = _driver.Status;
            if (status.IsError)
                throw GpibErrors.ToVisa(status, "Write", ResourceName, Where, TimeoutMilliseconds);
            return (int)status.Count;
        }
    }

    /// <inheritdoc/>
    public override void Clear() => Call(() => _driver.Clear(_ud), "Clear");

    /// <inheritdoc/>
    public override void AssertTrigger(TriggerProtocol protocol)
    {
        if (protocol != TriggerProtocol.Default)
            throw new VisaException(StatusCode.ErrorInvalidProtocol, $"GPIB sessions trigger with TriggerProtocol.Default (a GET), not {protocol}.", "AssertTrigger", ResourceName);
        Call(() => _driver.Trigger(_ud), "AssertTrigger");
    }

    /// <inheritdoc/>
    public override byte ReadStb()
    {
        byte value = 0;
        Call(() => _driver.SerialPoll(_ud, out value), "ReadStb");
        return value;
    }

    /// <inheritdoc/>
    public override void GpibControlRen(RenMode mode)
    {
        if (mode is not (RenMode.AddressGoToLocal or RenMode.DeassertGoToLocal))
            throw Unsupported("GpibControlRen", $"Device sessions send go-to-local (ibloc); {mode} needs the board's INTFC session.");
        Call(() => _driver.Local(_ud), "GpibControlRen");
    }

    /// <inheritdoc/>
    protected override void Close()
    {
        lock (_gate)
            _driver.Online(_ud, false);
    }

    private void Call(Func<int> call, string operation)
    {
        lock (_gate)
        {
            ApplyTimeout(operation);
            call();
            var status = _driver.Status;
            if (status.IsError)
                throw GpibErrors.ToVisa(status, operation, ResourceName, Where, TimeoutMilliseconds);
        }
    }

    private void ApplyTimeout(string operation)
    {
        var timeout = TimeoutMilliseconds;
        if (timeout == _appliedTimeout)
            return;
        Check(_driver.Config(_ud, IbcTmo, GpibErrors.TimeoutCode(timeout)), operation);
        _appliedTimeout = timeout;
    }

    private void Check(int ibsta, string operation)
    {
        if ((ibsta & GpibStatus.Err) != 0)
            throw GpibErrors.ToVisa(_driver.Status, operation, ResourceName, Where, TimeoutMilliseconds);
    }
}
