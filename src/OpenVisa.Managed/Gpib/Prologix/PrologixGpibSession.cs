using OpenVisa.Managed.Sessions;

namespace OpenVisa.Managed.Gpib.Prologix;

/// <summary>
/// A <c>GPIBn::pad[::sad]::INSTR</c> session through a Prologix adapter: writes are data lines, reads are
/// <c>++read eoi</c>, <c>Clear</c> is <c>++clr</c>, <c>AssertTrigger</c> <c>++trg</c>, <c>ReadStb</c> <c>++spoll</c>,
/// and <c>GpibControlRen</c> go-to-local <c>++loc</c> and local lockout <c>++llo</c>. Many sessions share the adapter.
/// </summary>
internal sealed class PrologixGpibSession : ManagedSession
{
    /// <summary><c>VI_NO_SEC_ADDR</c>.</summary>
    private const ushort NoSecondaryAddress = 0xFFFF;

    private readonly PrologixAdapter _adapter;
    private readonly GpibAddress _address;

    private PrologixGpibSession(SessionOpening opening, PrologixAdapter adapter, GpibAddress address)
        : base(opening,
        [
            new(VisaAttribute.GpibPrimaryAddress, (ushort)address.Primary),
            new(VisaAttribute.GpibSecondaryAddress, address.Secondary is { } s ? (ushort)s : NoSecondaryAddress),
        ])
    {
        _adapter = adapter;
        _address = address;
    }

    /// <inheritdoc/>
    public override string InterfaceDescription => $"GPIB INSTR (through the Prologix adapter {_adapter.Display})";

    /// <summary>Opens the device at the name's address through the adapter at <paramref name="endpoint"/>.</summary>
    public static PrologixGpibSession Open(SessionOpening opening, PrologixEndpoint endpoint)
    {
        var adapter = PrologixAdapters.Acquire(endpoint, opening);
        try
        {
            return new PrologixGpibSession(opening, adapter, GpibAddress.From(opening.Name));
        }
        catch
        {
            PrologixAdapters.Release(adapter);
            throw;
        }
    }

    /// <summary>
    /// Reads through the adapter. It does not pass EOI on, so unless END is suppressed the termination character stands
    /// in for it (instruments end their messages with LF and EOI together); a read it ends reports
    /// <see cref="StatusCode.SuccessTerminationCharacterRead"/>, never END, so a 0x0A inside a block read by count is data.
    /// </summary>
    public override ReadResult Read(Span<byte> buffer) =>
        _adapter.Read(_address, buffer, TerminationCharacterEnabled || !SuppressEndEnabled, TerminationCharacter, TimeoutMilliseconds, ResourceName);

    /// <inheritdoc/>
    public override int Write(ReadOnlySpan<byte> data)
    {
        _adapter.Write(_address, data, SendEndEnabled, ResourceName);
        return data.Length;
    }

    /// <inheritdoc/>
    public override void Clear() => _adapter.Command(_address, "++clr", ResourceName, "Clear");

    /// <inheritdoc/>
    public override void AssertTrigger(TriggerProtocol protocol)
    {
        if (protocol != TriggerProtocol.Default)
            throw new VisaException(StatusCode.ErrorInvalidProtocol, $"GPIB sessions trigger with TriggerProtocol.Default (a GET), not {protocol}.", "AssertTrigger", ResourceName);
        _adapter.Command(_address, "++trg", ResourceName, "AssertTrigger");
    }

    /// <inheritdoc/>
    public override byte ReadStb() => _adapter.SerialPoll(_address, TimeoutMilliseconds, ResourceName);

    /// <inheritdoc/>
    public override void GpibControlRen(RenMode mode)
    {
        switch (mode)
        {
            case RenMode.AddressGoToLocal or RenMode.DeassertGoToLocal:
                _adapter.Command(_address, "++loc", ResourceName, "GpibControlRen");
                break;
            case RenMode.AssertLocalLockout or RenMode.AssertAddressLocalLockout:
                _adapter.Command(_address, "++llo", ResourceName, "GpibControlRen");
                break;
            default:
                throw Unsupported("GpibControlRen",
                    $"A Prologix adapter offers go-to-local (++loc) and local lockout (++llo), not {mode}; it asserts REN by itself as controller.");
        }
    }

    /// <inheritdoc/>
    protected override void Close() => PrologixAdapters.Release(_adapter);
}
