namespace OpenVisa;

/// <summary>GPIB, USB, VXI and register-based operations, replayed like the rest.</summary>
public sealed partial class ReplayLibrary
{
    /// <inheritdoc/>
    public override int GpibCommand(int session, ReadOnlySpan<byte> data)
    {
        var call = Call(SessionOps.GpibCommand, Bind(session, nameof(GpibCommand)));
        SessionPayload.Write(call.Writer, data);
        return Run(call).Integer(SessionFields.Count) ?? data.Length;
    }

    /// <inheritdoc/>
    public override void GpibControlAtn(int session, AtnMode mode) => Simple(SessionOps.GpibControlAtn, session, c => OperationArgs.Name(c.Writer, SessionFields.Mode, mode));

    /// <inheritdoc/>
    public override void GpibControlRen(int session, RenMode mode) => Simple(SessionOps.GpibControlRen, session, c => OperationArgs.Name(c.Writer, SessionFields.Mode, mode));

    /// <inheritdoc/>
    public override void GpibPassControl(int session, int primaryAddress, int? secondaryAddress) =>
        Simple(SessionOps.GpibPassControl, session, c => ExtraArgs.PassControl(c.Writer, primaryAddress, secondaryAddress));

    /// <inheritdoc/>
    public override void GpibSendIfc(int session) => Simple(SessionOps.GpibSendIfc, session, null);

    /// <inheritdoc/>
    public override void UsbControlOut(int session, byte requestType, byte request, ushort value, ushort index, ReadOnlySpan<byte> data)
    {
        var call = Call(SessionOps.UsbControlOut, Bind(session, nameof(UsbControlOut)));
        ExtraArgs.Usb(call.Writer, requestType, request, value, index);
        SessionPayload.Write(call.Writer, data);
        Run(call);
    }

    /// <inheritdoc/>
    public override int UsbControlIn(int session, byte requestType, byte request, ushort value, ushort index, Span<byte> buffer)
    {
        var data = Simple(SessionOps.UsbControlIn, session, c => ExtraArgs.Usb(c.Writer, requestType, request, value, index)).Data ?? [];
        var count = Math.Min(data.Length, buffer.Length);
        data.AsSpan(0, count).CopyTo(buffer);
        return count;
    }

    /// <inheritdoc/>
    public override uint VxiCommandQuery(int session, int mode, uint command) =>
        (uint)(Simple(SessionOps.VxiCommandQuery, session, c => ExtraArgs.VxiCommand(c.Writer, mode, command)).Number(SessionFields.Result) ?? 0);

    /// <inheritdoc/>
    public override void AssertInterruptSignal(int session, int mode, uint statusId) =>
        Simple(SessionOps.AssertInterruptSignal, session, c => ExtraArgs.Interrupt(c.Writer, mode, statusId));

    /// <inheritdoc/>
    public override void AssertUtilitySignal(int session, int line) => Simple(SessionOps.AssertUtilitySignal, session, c => c.Writer.WriteNumber(ExtraArgs.Line, line));

    /// <inheritdoc/>
    public override void MapTrigger(int session, int triggerSource, int triggerDestination, int mode) =>
        Simple(SessionOps.MapTrigger, session, c => ExtraArgs.Trigger(c.Writer, triggerSource, triggerDestination, mode));

    /// <inheritdoc/>
    public override void UnmapTrigger(int session, int triggerSource, int triggerDestination) =>
        Simple(SessionOps.UnmapTrigger, session, c => ExtraArgs.Trigger(c.Writer, triggerSource, triggerDestination, null));

    /// <inheritdoc/>
    public override ulong In(int session, AddressSpace space, long offset, int width) =>
        Result(Simple(SessionOps.In, session, c => ExtraArgs.Register(c.Writer, space, offset, width)));

    /// <inheritdoc/>
    public override void Out(int session, AddressSpace space, long offset, int width, ulong value) => Simple(SessionOps.Out, session, c =>
    {
        ExtraArgs.Register(c.Writer, space, offset, width);
        c.Writer.WriteNumber(SessionFields.Value, value);
    });

    /// <inheritdoc/>
    public override void MoveIn(int session, AddressSpace space, long offset, int width, Span<byte> destination)
    {
        var data = Simple(SessionOps.MoveIn, session, c => ExtraArgs.Register(c.Writer, space, offset, width)).Data ?? [];
        data.AsSpan(0, Math.Min(data.Length, destination.Length)).CopyTo(destination);
    }

    /// <inheritdoc/>
    public override void MoveOut(int session, AddressSpace space, long offset, int width, ReadOnlySpan<byte> source)
    {
        var call = Call(SessionOps.MoveOut, Bind(session, nameof(MoveOut)));
        ExtraArgs.Register(call.Writer, space, offset, width);
        SessionPayload.Write(call.Writer, source);
        Run(call);
    }

    /// <inheritdoc/>
    public override void Move(int session, AddressSpace sourceSpace, long sourceOffset, int sourceWidth, AddressSpace destinationSpace, long destinationOffset, int destinationWidth, long length) =>
        Simple(SessionOps.Move, session, c => ExtraArgs.Move(c.Writer, sourceSpace, sourceOffset, sourceWidth, destinationSpace, destinationOffset, destinationWidth, length));

    /// <inheritdoc/>
    public override nint MapAddress(int session, AddressSpace space, long offset, long size, bool owner, nint suggested) =>
        (nint)(long)Result(Simple(SessionOps.MapAddress, session, c => ExtraArgs.Map(c.Writer, space, offset, size, owner, suggested)));

    /// <inheritdoc/>
    public override void UnmapAddress(int session) => Simple(SessionOps.UnmapAddress, session, null);

    /// <inheritdoc/>
    public override ulong Peek(int session, nint address, int width) => Result(Simple(SessionOps.Peek, session, c => ExtraArgs.Address(c.Writer, address, width)));

    /// <inheritdoc/>
    public override void Poke(int session, nint address, int width, ulong value) => Simple(SessionOps.Poke, session, c =>
    {
        ExtraArgs.Address(c.Writer, address, width);
        c.Writer.WriteNumber(SessionFields.Value, value);
    });

    /// <inheritdoc/>
    public override long MemoryAllocation(int session, long size) =>
        (long)Result(Simple(SessionOps.MemoryAllocation, session, c => c.Writer.WriteNumber(SessionFields.Size, size)));

    /// <inheritdoc/>
    public override void MemoryFree(int session, long offset) => Simple(SessionOps.MemoryFree, session, c => c.Writer.WriteNumber(ExtraArgs.Offset, offset));

    private SessionOperation Simple(string op, int session, Action<ReplayCall>? args)
    {
        var call = Call(op, Bind(session, op));
        args?.Invoke(call);
        return Run(call);
    }

    private static ulong Result(SessionOperation entry) =>
        entry.Fields.TryGetProperty(SessionFields.Result, out var value) && value.TryGetUInt64(out var u) ? u
        : value.ValueKind == System.Text.Json.JsonValueKind.Number && value.TryGetInt64(out var n) ? unchecked((ulong)n) : 0;
}
