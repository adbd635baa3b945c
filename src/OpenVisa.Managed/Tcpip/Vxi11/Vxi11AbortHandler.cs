using OpenVisa.Managed.Tcpip.Vxi11.Rpc;

namespace OpenVisa.Managed.Tcpip.Vxi11;

/// <summary>
/// The abort channel (DEVICE_ASYNC): <c>device_abort</c> ends the wait of the named link's call in progress. Only a link
/// whose core connection comes from the caller's address can be aborted; any other id is error 4 (invalid link), as if
/// it did not exist, so a client can neither abort nor probe another client's links.
/// </summary>
internal sealed class Vxi11AbortHandler(Vxi11InstrumentServer server) : IRpcCallHandler
{
    public ValueTask<RpcAcceptStatus> HandleAsync(RpcCall call, ReadOnlyMemory<byte> arguments, XdrWriter results, CancellationToken cancellationToken)
    {
        switch (call.Procedure)
        {
            case 0:
                return ValueTask.FromResult(RpcAcceptStatus.Success);
            case Vxi11Protocol.DeviceAbort:
                var reader = new XdrReader(arguments.Span);
                var link = server.FindLink(reader.ReadInt32("lid"));
                var caller = server.Options.AbortCallerAddressOf?.Invoke(call.Peer) ?? call.Peer.Address;
                if (link is not null && !Vxi11PeerAddress.Same(link.Connection.Peer.Address, caller))
                    link = null;
                link?.Abort();
                results.WriteUInt32((uint)(link is null ? Vxi11ErrorCode.InvalidLinkIdentifier : Vxi11ErrorCode.NoError));
                return ValueTask.FromResult(RpcAcceptStatus.Success);
            default:
                return ValueTask.FromResult(RpcAcceptStatus.ProcedureUnavailable);
        }
    }
}
