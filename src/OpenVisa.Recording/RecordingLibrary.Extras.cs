using System.Text.Json;

namespace OpenVisa;

/// <summary>GPIB, USB, VXI and register-based operations: recorded with their arguments and results like the rest.</summary>
public sealed partial class RecordingLibrary
{
    /// <inheritdoc/>
    public override int GpibCommand(int session, ReadOnlySpan<byte> data)
    {
        var start = SessionWriter.Now();
        int count;
        try
        {
            count = Inner.GpibCommand(session, data);
        }
        catch (Exception e)
        {
            LogBytes(SessionOps.GpibCommand, session, start, data, null, e);
            throw;
        }
        LogBytes(SessionOps.GpibCommand, session, start, data, count, null);
        return count;
    }

    /// <inheritdoc/>
    public override void GpibControlAtn(int session, AtnMode mode) =>
        Run(SessionOps.GpibControlAtn, session, () => Inner.GpibControlAtn(session, mode), w => OperationArgs.Name(w, SessionFields.Mode, mode));

    /// <inheritdoc/>
    public override void GpibControlRen(int session, RenMode mode) =>
        Run(SessionOps.GpibControlRen, session, () => Inner.GpibControlRen(session, mode), w => OperationArgs.Name(w, SessionFields.Mode, mode));

    /// <inheritdoc/>
    public override void GpibPassControl(int session, int primaryAddress, int? secondaryAddress) =>
        Run(SessionOps.GpibPassControl, session, () => Inner.GpibPassControl(session, primaryAddress, secondaryAddress), w => ExtraArgs.PassControl(w, primaryAddress, secondaryAddress));

    /// <inheritdoc/>
    public override void GpibSendIfc(int session) => Run(SessionOps.GpibSendIfc, session, () => Inner.GpibSendIfc(session));

    /// <inheritdoc/>
    public override void UsbControlOut(int session, byte requestType, byte request, ushort value, ushort index, ReadOnlySpan<byte> data)
    {
        var start = SessionWriter.Now();
        Exception? error = null;
        try
        {
            Inner.UsbControlOut(session, requestType, request, value, index, data);
        }
        catch (Exception e)
        {
            error = e;
            throw;
        }
        finally
        {
            lock (Writer.Gate)
            {
                var w = Begin(SessionOps.UsbControlOut, session, start);
                ExtraArgs.Usb(w, requestType, request, value, index);
                SessionPayload.Write(w, data);
                if (error is not null)
                    OperationArgs.Error(w, error);
                Writer.Commit();
            }
        }
    }

    /// <inheritdoc/>
    public override int UsbControlIn(int session, byte requestType, byte request, ushort value, ushort index, Span<byte> buffer)
    {
        var start = SessionWriter.Now();
        int count = 0;
        Exception? error = null;
        try
        {
            count = Inner.UsbControlIn(session, requestType, request, value, index, buffer);
            return count;
        }
        catch (Exception e)
        {
            error = e;
            throw;
        }
        finally
        {
            lock (Writer.Gate)
            {
                var w = Begin(SessionOps.UsbControlIn, session, start);
                ExtraArgs.Usb(w, requestType, request, value, index);
                w.WriteNumber(SessionFields.Max, buffer.Length);
                if (error is null)
                    SessionPayload.Write(w, buffer[..count]);
                else
                    OperationArgs.Error(w, error);
                Writer.Commit();
            }
        }
    }

    /// <inheritdoc/>
    public override uint VxiCommandQuery(int session, int mode, uint command) =>
        RunValue(SessionOps.VxiCommandQuery, session, () => Inner.VxiCommandQuery(session, mode, command), w => ExtraArgs.VxiCommand(w, mode, command), (w, r) => w.WriteNumber(SessionFields.Result, r));

    /// <inheritdoc/>
    public override void AssertInterruptSignal(int session, int mode, uint statusId) =>
        Run(SessionOps.AssertInterruptSignal, session, () => Inner.AssertInterruptSignal(session, mode, statusId), w => ExtraArgs.Interrupt(w, mode, statusId));

    /// <inheritdoc/>
    public override void AssertUtilitySignal(int session, int line) =>
        Run(SessionOps.AssertUtilitySignal, session, () => Inner.AssertUtilitySignal(session, line), w => w.WriteNumber(ExtraArgs.Line, line));

    /// <inheritdoc/>
    public override void MapTrigger(int session, int triggerSource, int triggerDestination, int mode) =>
        Run(SessionOps.MapTrigger, session, () => Inner.MapTrigger(session, triggerSource, triggerDestination, mode), w => ExtraArgs.Trigger(w, triggerSource, triggerDestination, mode));

    /// <inheritdoc/>
    public override void UnmapTrigger(int session, int triggerSource, int triggerDestination) =>
        Run(SessionOps.UnmapTrigger, session, () => Inner.UnmapTrigger(session, triggerSource, triggerDestination), w => ExtraArgs.Trigger(w, triggerSource, triggerDestination, null));

    /// <inheritdoc/>
    public override ulong In(int session, AddressSpace space, long offset, int width) =>
        RunValue(SessionOps.In, session, () => Inner.In(session, space, offset, width), w => ExtraArgs.Register(w, space, offset, width), (w, r) => w.WriteNumber(SessionFields.Result, r));

    /// <inheritdoc/>
    public override void Out(int session, AddressSpace space, long offset, int width, ulong value) =>
        Run(SessionOps.Out, session, () => Inner.Out(session, space, offset, width, value), w =>
        {
            ExtraArgs.Register(w, space, offset, width);
            w.WriteNumber(SessionFields.Value, value);
        });

    /// <inheritdoc/>
    public override void MoveIn(int session, AddressSpace space, long offset, int width, Span<byte> destination)
    {
        var start = SessionWriter.Now();
        Exception? error = null;
        try
        {
            Inner.MoveIn(session, space, offset, width, destination);
        }
        catch (Exception e)
        {
            error = e;
            throw;
        }
        finally
        {
            lock (Writer.Gate)
            {
                var w = Begin(SessionOps.MoveIn, session, start);
                ExtraArgs.Register(w, space, offset, width);
                w.WriteNumber(SessionFields.Max, destination.Length);
                if (error is null)
                    SessionPayload.Write(w, destination);
                else
                    OperationArgs.Error(w, error);
                Writer.Commit();
            }
        }
    }

    /// <inheritdoc/>
    public override void MoveOut(int session, AddressSpace space, long offset, int width, ReadOnlySpan<byte> source)
    {
        var start = SessionWriter.Now();
        Exception? error = null;
        try
        {
            Inner.MoveOut(session, space, offset, width, source);
        }
        catch (Exception e)
        {
            error = e;
            throw;
        }
        finally
        {
            lock (Writer.Gate)
            {
                var w = Begin(SessionOps.MoveOut, session, start);
                ExtraArgs.Register(w, space, offset, width);
                SessionPayload.Write(w, source);
                if (error is not null)
                    OperationArgs.Error(w, error);
                Writer.Commit();
            }
        }
    }

    /// <inheritdoc/>
    public override void Move(int session, AddressSpace sourceSpace, long sourceOffset, int sourceWidth, AddressSpace destinationSpace, long destinationOffset, int destinationWidth, long length) =>
        Run(SessionOps.Move, session, () => Inner.Move(session, sourceSpace, sourceOffset, sourceWidth, destinationSpace, destinationOffset, destinationWidth, length),
            w => ExtraArgs.Move(w, sourceSpace, sourceOffset, sourceWidth, destinationSpace, destinationOffset, destinationWidth, length));

    /// <inheritdoc/>
    public override nint MapAddress(int session, AddressSpace space, long offset, long size, bool owner, nint suggested) =>
        RunValue(SessionOps.MapAddress, session, () => Inner.MapAddress(session, space, offset, size, owner, suggested),
            w => ExtraArgs.Map(w, space, offset, size, owner, suggested), (w, r) => w.WriteNumber(SessionFields.Result, (long)r));

    /// <inheritdoc/>
    public override void UnmapAddress(int session) => Run(SessionOps.UnmapAddress, session, () => Inner.UnmapAddress(session));

    /// <inheritdoc/>
    public override ulong Peek(int session, nint address, int width) =>
        RunValue(SessionOps.Peek, session, () => Inner.Peek(session, address, width), w => ExtraArgs.Address(w, address, width), (w, r) => w.WriteNumber(SessionFields.Result, r));

    /// <inheritdoc/>
    public override void Poke(int session, nint address, int width, ulong value) =>
        Run(SessionOps.Poke, session, () => Inner.Poke(session, address, width, value), w =>
        {
            ExtraArgs.Address(w, address, width);
            w.WriteNumber(SessionFields.Value, value);
        });

    /// <inheritdoc/>
    public override long MemoryAllocation(int session, long size) =>
        RunValue(SessionOps.MemoryAllocation, session, () => Inner.MemoryAllocation(session, size), w => w.WriteNumber(SessionFields.Size, size), (w, r) => w.WriteNumber(SessionFields.Result, r));

    /// <inheritdoc/>
    public override void MemoryFree(int session, long offset) =>
        Run(SessionOps.MemoryFree, session, () => Inner.MemoryFree(session, offset), w => w.WriteNumber(ExtraArgs.Offset, offset));

    private void LogBytes(string op, int session, long start, ReadOnlySpan<byte> data, int? count, Exception? error)
    {
        lock (Writer.Gate)
        {
            var w = Begin(op, session, start);
            SessionPayload.Write(w, data);
            if (count is { } n)
                w.WriteNumber(SessionFields.Count, n);
            if (error is not null)
                OperationArgs.Error(w, error);
            Writer.Commit();
        }
    }
}

/// <summary>The arguments of the GPIB, USB, VXI and register operations, shared by recorder and replayer.</summary>
internal static class ExtraArgs
{
    public const string Line = "line";
    public const string Offset = "offset";

    public static void PassControl(Utf8JsonWriter w, int primary, int? secondary)
    {
        w.WriteNumber("primary", primary);
        if (secondary is { } s)
            w.WriteNumber("secondary", s);
    }

    public static void Usb(Utf8JsonWriter w, byte requestType, byte request, ushort value, ushort index)
    {
        w.WriteNumber("requestType", requestType);
        w.WriteNumber("request", request);
        w.WriteNumber("wValue", value);
        w.WriteNumber("wIndex", index);
    }

    public static void VxiCommand(Utf8JsonWriter w, int mode, uint command)
    {
        w.WriteNumber(SessionFields.Mode, mode);
        w.WriteNumber("command", command);
    }

    public static void Interrupt(Utf8JsonWriter w, int mode, uint statusId)
    {
        w.WriteNumber(SessionFields.Mode, mode);
        w.WriteNumber("statusId", statusId);
    }

    public static void Trigger(Utf8JsonWriter w, int source, int destination, int? mode)
    {
        w.WriteNumber("source", source);
        w.WriteNumber("destination", destination);
        if (mode is { } m)
            w.WriteNumber(SessionFields.Mode, m);
    }

    public static void Register(Utf8JsonWriter w, AddressSpace space, long offset, int width)
    {
        OperationArgs.Name(w, "space", space);
        w.WriteNumber(Offset, offset);
        w.WriteNumber("width", width);
    }

    public static void Move(Utf8JsonWriter w, AddressSpace sourceSpace, long sourceOffset, int sourceWidth, AddressSpace destinationSpace, long destinationOffset, int destinationWidth, long length)
    {
        OperationArgs.Name(w, "sourceSpace", sourceSpace);
        w.WriteNumber("sourceOffset", sourceOffset);
        w.WriteNumber("sourceWidth", sourceWidth);
        OperationArgs.Name(w, "destinationSpace", destinationSpace);
        w.WriteNumber("destinationOffset", destinationOffset);
        w.WriteNumber("destinationWidth", destinationWidth);
        w.WriteNumber("length", length);
    }

    public static void Map(Utf8JsonWriter w, AddressSpace space, long offset, long size, bool owner, nint suggested)
    {
        OperationArgs.Name(w, "space", space);
        w.WriteNumber(Offset, offset);
        w.WriteNumber(SessionFields.Size, size);
        w.WriteBoolean("owner", owner);
        w.WriteNumber("suggested", (long)suggested);
    }

    public static void Address(Utf8JsonWriter w, nint address, int width)
    {
        w.WriteNumber("address", (long)address);
        w.WriteNumber("width", width);
    }
}
