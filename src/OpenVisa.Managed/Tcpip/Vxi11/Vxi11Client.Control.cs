using System.Net;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Managed.Tcpip.Vxi11;

// Status byte, trigger, clear, remote/local, locks, docmd and abort.
internal sealed partial class Vxi11Client
{
    /// <summary><c>device_readstb</c>: the IEEE 488.2 status byte.</summary>
    /// <remarks>Data read ahead and not yet read by the caller counts as a message available (MAV, bit 4).</remarks>
    public byte ReadStatusByte(uint timeoutMs)
    {
        var (error, value) = CallGeneric(Vxi11Protocol.DeviceReadStb, "ReadStb", timeoutMs, hasValue: true);
        ThrowOnError(error, "ReadStb", Vxi11Protocol.DeviceReadStb, timeoutMs);
        return WithReadAhead((byte)value);
    }

    /// <summary>The asynchronous <see cref="ReadStatusByte"/>.</summary>
    public async ValueTask<byte> ReadStatusByteAsync(uint timeoutMs, CancellationToken cancellationToken)
    {
        var (error, value) = await CallGenericAsync(Vxi11Protocol.DeviceReadStb, "ReadStb", timeoutMs, hasValue: true, cancellationToken).ConfigureAwait(false);
        ThrowOnError(error, "ReadStb", Vxi11Protocol.DeviceReadStb, timeoutMs);
        return WithReadAhead((byte)value);
    }

    private byte WithReadAhead(byte statusByte) => PendingCount > 0 ? (byte)(statusByte | 0x10) : statusByte;

    /// <summary><c>device_trigger</c>: a group execute trigger for this device.</summary>
    public void Trigger(uint timeoutMs) => Generic(Vxi11Protocol.DeviceTrigger, "AssertTrigger", timeoutMs);

    /// <summary><c>device_clear</c>: the instrument abandons pending input and output.</summary>
    public void Clear(uint timeoutMs)
    {
        Generic(Vxi11Protocol.DeviceClear, "Clear", timeoutMs);
        DiscardReadAhead();
    }

    /// <summary>The asynchronous <see cref="Clear"/>.</summary>
    public async ValueTask ClearAsync(uint timeoutMs, CancellationToken cancellationToken)
    {
        var (error, _) = await CallGenericAsync(Vxi11Protocol.DeviceClear, "Clear", timeoutMs, hasValue: false, cancellationToken).ConfigureAwait(false);
        ThrowOnError(error, "Clear", Vxi11Protocol.DeviceClear, timeoutMs);
        DiscardReadAhead();
    }

    /// <summary><c>device_remote</c>: puts the device in remote state.</summary>
    public void Remote(uint timeoutMs) => Generic(Vxi11Protocol.DeviceRemote, "GpibControlRen", timeoutMs);

    /// <summary><c>device_local</c>: returns the device to local (front-panel) control.</summary>
    public void Local(uint timeoutMs) => Generic(Vxi11Protocol.DeviceLocal, "GpibControlRen", timeoutMs);

    /// <summary><c>device_lock</c>: locks the device for this link, waiting at most <paramref name="lockTimeout"/> for another link's lock.</summary>
    public void Lock(TimeSpan lockTimeout)
    {
        var lockMs = VisaTimeout.ToAttribute(lockTimeout);
        var error = Call(Vxi11Protocol.DeviceLock, "Lock", Deadline(0, lockMs), args =>
        {
            args.WriteInt32(LinkId);
            args.WriteUInt32((uint)Vxi11Flags.WaitLock);
            args.WriteUInt32(lockMs);
        });
        if (error == Vxi11ErrorCode.DeviceLockedByAnotherLink)
        {
            throw new VisaException(StatusCode.ErrorResourceLocked,
                $"Another client holds the lock on {Target.DeviceName} at {CoreEndPoint} and did not release it within {lockMs} ms (VXI-11 error 11).", "Lock", ResourceName);
        }
        ThrowOnError(error, "Lock", Vxi11Protocol.DeviceLock, lockMs);
    }

    /// <summary><c>device_unlock</c>: releases this link's lock.</summary>
    public void Unlock()
    {
        var error = Call(Vxi11Protocol.DeviceUnlock, "Unlock", Deadline(0), args => args.WriteInt32(LinkId));
        ThrowOnError(error, "Unlock", Vxi11Protocol.DeviceUnlock, 0);
    }

    /// <summary>
    /// <c>device_docmd</c>: a gateway command (<c>0x020000</c> send GPIB command bytes, <c>0x020001</c> bus status, …)
    /// with its data; returns the command's output.
    /// </summary>
    public byte[] DoCommand(uint command, bool networkOrder, int dataSize, ReadOnlySpan<byte> data, uint timeoutMs)
    {
        ThrowIfClosed("DoCommand");
        _gate.Wait();
        try
        {
            var args = _core.BeginCall(Vxi11Protocol.DeviceDoCmd);
            args.WriteInt32(LinkId);
            args.WriteUInt32(0);
            args.WriteUInt32(timeoutMs);
            args.WriteUInt32(0);
            args.WriteUInt32(command);
            args.WriteBool(networkOrder);
            args.WriteInt32(dataSize);
            args.WriteOpaque(data);
            var deadline = Deadline(timeoutMs);
            Vxi11ErrorCode error;
            byte[] output;
            try
            {
                var reader = new XdrReader(_core.Invoke(deadline));
                error = (Vxi11ErrorCode)reader.ReadUInt32("error");
                output = reader.ReadOpaque("data_out").ToArray();
            }
            catch (Exception e) when (IsTransportFailure(e))
            {
                throw TransportFailure(e, "DoCommand", Vxi11Protocol.DeviceDoCmd, deadline);
            }
            if (error == Vxi11ErrorCode.OperationNotSupported)
            {
                throw new VisaException(StatusCode.ErrorNonsupportedOperation,
                    $"{Target.DeviceName} at {CoreEndPoint} does not support device_docmd command 0x{command:X6} (VXI-11 error 8); docmd commands are for GPIB gateways.",
                    "DoCommand", ResourceName);
            }
            ThrowOnError(error, "DoCommand", Vxi11Protocol.DeviceDoCmd, timeoutMs);
            return output;
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <summary>
    /// <c>device_abort</c> over the abort channel (opened on first use): ends the core call in progress on another
    /// thread, which then fails with <see cref="StatusCode.ErrorAbort"/>. Safe to call with nothing in progress.
    /// </summary>
    public void Abort(TimeSpan timeout)
    {
        ThrowIfClosed("Terminate");
        lock (_abortGate)
        {
            var channel = _abortChannel;
            try
            {
                channel ??= _abortChannel = RpcTcpClient.Connect(new IPEndPoint(_coreEndPoint.Address, AbortPort), Vxi11Protocol.AbortProgram, Vxi11Protocol.Version, timeout);
                channel.BeginCall(Vxi11Protocol.DeviceAbort).WriteInt32(LinkId);
                var error = (Vxi11ErrorCode)new XdrReader(channel.Invoke(timeout)).ReadUInt32("error");
                if (error != Vxi11ErrorCode.NoError)
                    throw Failure(error, "Terminate", Vxi11Protocol.DeviceAbort);
            }
            catch (System.Net.Sockets.SocketException e)
            {
                throw new VisaException(StatusCode.ErrorConnectionLost,
                    $"Could not open the VXI-11 abort channel at {new IPEndPoint(_coreEndPoint.Address, AbortPort)} (the port create_link gave): {e.Message}.", "Terminate", ResourceName, e);
            }
            catch (Exception e) when (IsTransportFailure(e))
            {
                _abortChannel?.Dispose();
                _abortChannel = null;
                throw TransportFailure(e, "Terminate", "device_abort", new IPEndPoint(_coreEndPoint.Address, AbortPort), ResourceName, timeout);
            }
        }
    }

    // ---- the calls that share Device_GenericParms or a plain Device_Error -------------------------------

    private void Generic(uint procedure, string operation, uint timeoutMs)
    {
        var (error, _) = CallGeneric(procedure, operation, timeoutMs, hasValue: false);
        ThrowOnError(error, operation, procedure, timeoutMs);
    }

    /// <summary>Device_GenericParms (link, flags, lock_timeout, io_timeout) → error [, value].</summary>
    private (Vxi11ErrorCode Error, uint Value) CallGeneric(uint procedure, string operation, uint timeoutMs, bool hasValue)
    {
        ThrowIfClosed(operation);
        _gate.Wait();
        try
        {
            WriteGeneric(procedure, timeoutMs);
            var deadline = Deadline(timeoutMs);
            try
            {
                return ParseGeneric(_core.Invoke(deadline), hasValue);
            }
            catch (Exception e) when (IsTransportFailure(e))
            {
                throw TransportFailure(e, operation, procedure, deadline);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private async ValueTask<(Vxi11ErrorCode Error, uint Value)> CallGenericAsync(uint procedure, string operation, uint timeoutMs, bool hasValue, CancellationToken cancellationToken)
    {
        ThrowIfClosed(operation);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            WriteGeneric(procedure, timeoutMs);
            var deadline = Deadline(timeoutMs);
            try
            {
                var results = await _core.InvokeAsync(deadline, cancellationToken).ConfigureAwait(false);
                return ParseGeneric(results.Span, hasValue);
            }
            catch (Exception e) when (IsTransportFailure(e))
            {
                throw TransportFailure(e, operation, procedure, deadline);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void WriteGeneric(uint procedure, uint timeoutMs)
    {
        var args = _core.BeginCall(procedure);
        args.WriteInt32(LinkId);
        args.WriteUInt32(0);
        args.WriteUInt32(0);
        args.WriteUInt32(timeoutMs);
    }

    private static (Vxi11ErrorCode Error, uint Value) ParseGeneric(ReadOnlySpan<byte> results, bool hasValue)
    {
        var reader = new XdrReader(results);
        var error = (Vxi11ErrorCode)reader.ReadUInt32("error");
        return (error, hasValue ? reader.ReadUInt32("value") : 0);
    }

    /// <summary>A core call whose reply is a plain Device_Error.</summary>
    private Vxi11ErrorCode Call(uint procedure, string operation, TimeSpan deadline, Action<XdrWriter> writeArguments)
    {
        ThrowIfClosed(operation);
        _gate.Wait();
        try
        {
            writeArguments(_core.BeginCall(procedure));
            try
            {
                return (Vxi11ErrorCode)new XdrReader(_core.Invoke(deadline)).ReadUInt32("error");
            }
            catch (Exception e) when (IsTransportFailure(e))
            {
                throw TransportFailure(e, operation, procedure, deadline);
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    private void ThrowOnError(Vxi11ErrorCode error, string operation, uint procedure, uint timeoutMs)
    {
        if (error == Vxi11ErrorCode.NoError)
            return;
        if (error == Vxi11ErrorCode.IOTimeout)
        {
            throw new VisaException(StatusCode.ErrorTimeout,
                $"The instrument did not complete {Vxi11Protocol.ProcedureName(procedure)} within {timeoutMs} ms (VXI-11 I/O timeout): it may be busy with an earlier command.",
                operation, ResourceName);
        }
        throw Failure(error, operation, procedure);
    }
}
