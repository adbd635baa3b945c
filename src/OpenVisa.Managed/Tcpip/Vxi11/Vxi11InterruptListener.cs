using System.Net;
using Microsoft.Extensions.Logging;
using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Managed.Tcpip.Vxi11;

/// <summary>
/// The client's end of a VXI-11 interrupt channel: a small DEVICE_INTR RPC server the instrument connects back to and
/// calls <c>device_intr_srq</c> on when the device requests service. A call carrying this link's handle invokes the
/// callback on a pool thread; other handles are answered and ignored.
/// </summary>
internal sealed class Vxi11InterruptListener
{
    private static readonly RpcProgramSpec Spec = new(Vxi11Protocol.InterruptProgram, Vxi11Protocol.Version, Vxi11Protocol.Version, "VXI-11 interrupt");

    private readonly byte[] _handle;
    private readonly ILogger _logger;
    private readonly RpcTcpServer _server;
    private volatile Action _onServiceRequest;

    public Vxi11InterruptListener(IPAddress address, byte[] handle, Action onServiceRequest, ILogger logger)
    {
        _handle = handle;
        _onServiceRequest = onServiceRequest;
        _logger = logger;
        _server = new RpcTcpServer(new IPEndPoint(address, 0), Spec, _ => new Handler(this), 4096, logger);
    }

    /// <summary>Where the instrument should connect.</summary>
    public IPEndPoint LocalEndPoint => _server.LocalEndPoint;

    /// <summary>The callback; replaced when the session installs another.</summary>
    public Action OnServiceRequest
    {
        get => _onServiceRequest;
        set => _onServiceRequest = value;
    }

    public void Start() => _server.Start();

    /// <summary>Stops at once, without waiting for connection handlers (they end on their own).</summary>
    public void Stop() => _server.Abandon();

    private void Deliver(ReadOnlySpan<byte> handle)
    {
        if (!handle.SequenceEqual(_handle))
        {
            _logger.LogDebug("VXI-11 interrupt with a foreign handle ({Handle}) ignored", Vxi11Diagnostics.Preview(handle));
            return;
        }
        var callback = _onServiceRequest;
        ThreadPool.UnsafeQueueUserWorkItem(static state =>
        {
            var (action, logger) = ((Action, ILogger))state!;
            try
            {
                action();
            }
            catch (Exception e)
            {
                logger.LogError(e, "A service-request handler failed");
            }
        }, (callback, _logger));
    }

    private sealed class Handler(Vxi11InterruptListener owner) : IRpcCallHandler
    {
        public ValueTask<RpcAcceptStatus> HandleAsync(RpcCall call, ReadOnlyMemory<byte> arguments, XdrWriter results, CancellationToken cancellationToken)
        {
            if (call.Procedure != Vxi11Protocol.DeviceInterruptSrq)
                return ValueTask.FromResult(call.Procedure == 0 ? RpcAcceptStatus.Success : RpcAcceptStatus.ProcedureUnavailable);
            var reader = new XdrReader(arguments.Span);
            owner.Deliver(reader.ReadOpaque("handle", Vxi11Protocol.MaxSrqHandleLength));
            return ValueTask.FromResult(RpcAcceptStatus.Success);
        }
    }
}
