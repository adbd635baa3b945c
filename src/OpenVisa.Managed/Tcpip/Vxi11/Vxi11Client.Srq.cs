using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace OpenVisa.Managed.Tcpip.Vxi11;

// Service requests: the interrupt channel and device_enable_srq.
internal sealed partial class Vxi11Client
{
    private readonly Lock _srqGate = new();
    private Vxi11InterruptListener? _interrupts;
    private byte[]? _srqHandle;

    /// <summary>Where interrupt-channel and abort-channel events are logged.</summary>
    public ILogger Logger { get; set; } = NullLogger.Instance;

    /// <summary>True while service requests are enabled.</summary>
    public bool ServiceRequestsEnabled
    {
        get
        {
            lock (_srqGate)
                return _interrupts is not null;
        }
    }

    /// <summary>
    /// Starts an interrupt listener on the address the instrument reaches us at, asks the instrument to connect back
    /// (<c>create_intr_chan</c>) and enables service requests for this link (<c>device_enable_srq</c>). Each request
    /// then calls <paramref name="onServiceRequest"/> on a pool thread. Enabling again only replaces the callback.
    /// </summary>
    public void EnableServiceRequests(Action onServiceRequest, uint timeoutMs)
    {
        ArgumentNullException.ThrowIfNull(onServiceRequest);
        lock (_srqGate)
        {
            if (_interrupts is { } running)
            {
                running.OnServiceRequest = onServiceRequest;
                return;
            }
            var local = LocalEndPoint.Address;
            if (local.IsIPv4MappedToIPv6)
                local = local.MapToIPv4();
            if (local.AddressFamily != AddressFamily.InterNetwork)
            {
                throw new VisaException(StatusCode.ErrorNonsupportedOperation,
                    $"VXI-11 service requests need an IPv4 interrupt channel, and this session reaches the instrument over {local.AddressFamily}: open it by its IPv4 address.",
                    "EnableEvent", ResourceName);
            }
            var handle = new byte[8];
            BinaryPrimitives.WriteInt32BigEndian(handle, LinkId);
            Random.Shared.NextBytes(handle.AsSpan(4));
            var listener = new Vxi11InterruptListener(local, handle, onServiceRequest, Logger);
            listener.Start();
            try
            {
                CreateInterruptChannel(listener.LocalEndPoint, timeoutMs);
                EnableSrq(true, handle, timeoutMs);
            }
            catch
            {
                listener.Stop();
                throw;
            }
            _interrupts = listener;
            _srqHandle = handle;
        }
    }

    /// <summary>Disables service requests, tears the interrupt channel down and stops the listener.</summary>
    public void DisableServiceRequests(uint timeoutMs)
    {
        lock (_srqGate)
        {
            if (_interrupts is not { } listener)
                return;
            try
            {
                EnableSrq(false, _srqHandle!, timeoutMs);
                var error = Call(Vxi11Protocol.DestroyInterruptChannel, "DisableEvent", Deadline(timeoutMs), static _ => { });
                if (error is not (Vxi11ErrorCode.NoError or Vxi11ErrorCode.ChannelNotEstablished))
                    throw Failure(error, "DisableEvent", Vxi11Protocol.DestroyInterruptChannel);
            }
            finally
            {
                listener.Stop();
                _interrupts = null;
                _srqHandle = null;
            }
        }
    }

    private void CreateInterruptChannel(IPEndPoint listener, uint timeoutMs)
    {
        var address = BinaryPrimitives.ReadUInt32BigEndian(listener.Address.GetAddressBytes());
        void Write(Rpc.XdrWriter args)
        {
            args.WriteUInt32(address);
            args.WriteUInt32((uint)listener.Port);
            args.WriteUInt32(Vxi11Protocol.InterruptProgram);
            args.WriteUInt32(Vxi11Protocol.Version);
            args.WriteUInt32(Vxi11Protocol.FamilyTcp);
        }
        var error = Call(Vxi11Protocol.CreateInterruptChannel, "EnableEvent", Deadline(timeoutMs), Write);
        if (error == Vxi11ErrorCode.ChannelAlreadyEstablished)
        {
            // Left over from an earlier enable on this connection: replace it with ours.
            Call(Vxi11Protocol.DestroyInterruptChannel, "EnableEvent", Deadline(timeoutMs), static _ => { });
            error = Call(Vxi11Protocol.CreateInterruptChannel, "EnableEvent", Deadline(timeoutMs), Write);
        }
        if (error == Vxi11ErrorCode.OperationNotSupported)
        {
            throw new VisaException(StatusCode.ErrorNonsupportedOperation,
                $"The instrument at {CoreEndPoint} has no VXI-11 interrupt channel (create_intr_chan: error 8), so it cannot deliver service requests; poll the status byte with ReadStb instead.",
                "EnableEvent", ResourceName);
        }
        if (error != Vxi11ErrorCode.NoError)
            throw Failure(error, "EnableEvent", Vxi11Protocol.CreateInterruptChannel, $"The instrument was asked to connect back to {listener}.");
    }

    private void EnableSrq(bool enable, byte[] handle, uint timeoutMs)
    {
        var error = Call(Vxi11Protocol.DeviceEnableSrq, enable ? "EnableEvent" : "DisableEvent", Deadline(timeoutMs), args =>
        {
            args.WriteInt32(LinkId);
            args.WriteBool(enable);
            args.WriteOpaque(handle);
        });
        if (error != Vxi11ErrorCode.NoError)
            throw Failure(error, enable ? "EnableEvent" : "DisableEvent", Vxi11Protocol.DeviceEnableSrq);
    }

    /// <summary>Stops the listener without RPCs: the instrument drops the channel with the link.</summary>
    private void StopInterruptChannel()
    {
        lock (_srqGate)
        {
            _interrupts?.Stop();
            _interrupts = null;
        }
    }
}
