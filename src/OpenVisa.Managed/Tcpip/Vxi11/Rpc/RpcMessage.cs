namespace OpenVisa.Managed.Tcpip.Vxi11.Rpc;

/// <summary>The fixed numbers of ONC RPC version 2 (RFC 5531 §9): message types, reply states, authentication flavors.</summary>
internal static class RpcMessage
{
    /// <summary>The only RPC protocol version there is.</summary>
    public const uint RpcVersion = 2;

    public const uint Call = 0;
    public const uint Reply = 1;

    public const uint MessageAccepted = 0;
    public const uint MessageDenied = 1;

    /// <summary>reject_stat RPC_MISMATCH: the RPC version is not 2.</summary>
    public const uint RejectRpcMismatch = 0;

    /// <summary>reject_stat AUTH_ERROR.</summary>
    public const uint RejectAuthError = 1;

    public const uint AuthNone = 0;

    /// <summary>RFC 5531 caps an authentication body at 400 bytes.</summary>
    public const int MaxAuthBodyLength = 400;

    /// <summary>Writes a call header with AUTH_NONE credential and verifier; the arguments follow.</summary>
    public static void WriteCallHeader(XdrWriter writer, uint xid, uint program, uint version, uint procedure)
    {
        writer.WriteUInt32(xid);
        writer.WriteUInt32(Call);
        writer.WriteUInt32(RpcVersion);
        writer.WriteUInt32(program);
        writer.WriteUInt32(version);
        writer.WriteUInt32(procedure);
        writer.WriteAuthNone();
        writer.WriteAuthNone();
    }

    /// <summary>
    /// Writes an accepted reply header with an AUTH_NONE verifier and <paramref name="status"/>; returns the offset of
    /// the status so a server can change it once the procedure has run.
    /// </summary>
    public static int WriteAcceptedReplyHeader(XdrWriter writer, uint xid, RpcAcceptStatus status)
    {
        writer.WriteUInt32(xid);
        writer.WriteUInt32(Reply);
        writer.WriteUInt32(MessageAccepted);
        writer.WriteAuthNone();
        var statusOffset = writer.Length;
        writer.WriteUInt32((uint)status);
        return statusOffset;
    }

    /// <summary>Writes a denied reply saying only RPC version 2 is spoken.</summary>
    public static void WriteRpcMismatchReply(XdrWriter writer, uint xid)
    {
        writer.WriteUInt32(xid);
        writer.WriteUInt32(Reply);
        writer.WriteUInt32(MessageDenied);
        writer.WriteUInt32(RejectRpcMismatch);
        writer.WriteUInt32(RpcVersion);
        writer.WriteUInt32(RpcVersion);
    }

    /// <summary>
    /// Reads a reply header and checks it: the right transaction, accepted, successful. Anything else throws an
    /// <see cref="RpcException"/> saying what the server answered. Returns false when the reply belongs to an earlier
    /// call (one whose caller gave up), which the caller discards.
    /// </summary>
    public static bool TryReadReplyHeader(ref XdrReader reader, uint expectedXid, uint program, uint version, uint procedure)
    {
        var xid = reader.ReadUInt32("reply transaction id");
        if (xid != expectedXid)
        {
            // Transaction ids only grow, so anything else answers a call that timed out; a well-behaved server
            // never answers a call not made yet.
            if (unchecked((int)(xid - expectedXid)) > 0)
                throw RpcException.Protocol($"The server answered transaction {xid}, but the last call sent was {expectedXid}.");
            return false;
        }
        var type = reader.ReadUInt32("message type");
        if (type != Reply)
            throw RpcException.Protocol($"The server sent a message of type {type} where a reply (1) was expected.");
        var state = reader.ReadUInt32("reply state");
        if (state == MessageDenied)
        {
            var reject = reader.ReadUInt32("reject state");
            if (reject == RejectRpcMismatch)
            {
                var low = reader.ReadUInt32("lowest RPC version");
                var high = reader.ReadUInt32("highest RPC version");
                throw new RpcException(RpcFailure.RpcMismatch, $"The server refused RPC version 2; it speaks versions {low} to {high}.");
            }
            var auth = reader.Remaining >= 4 ? reader.ReadUInt32("authentication state") : 0;
            throw new RpcException(RpcFailure.AuthError, $"The server refused the call's credentials (authentication error {auth}).");
        }
        if (state != MessageAccepted)
            throw RpcException.Protocol($"The reply state is {state}, neither accepted (0) nor denied (1).");
        reader.ReadUInt32("verifier flavor");
        reader.SkipOpaque("verifier", MaxAuthBodyLength);
        var accept = (RpcAcceptStatus)reader.ReadUInt32("accept state");
        switch (accept)
        {
            case RpcAcceptStatus.Success:
                return true;
            case RpcAcceptStatus.ProgramMismatch:
                var low = reader.ReadUInt32("lowest version");
                var high = reader.ReadUInt32("highest version");
                throw new RpcException(RpcFailure.ProgramMismatch,
                    $"The server has program 0x{program:X} but not version {version}; it offers versions {low} to {high}.");
            case RpcAcceptStatus.ProgramUnavailable:
                throw new RpcException(RpcFailure.ProgramUnavailable, $"The server does not offer RPC program 0x{program:X} on this port.");
            case RpcAcceptStatus.ProcedureUnavailable:
                throw new RpcException(RpcFailure.ProcedureUnavailable, $"The server's program 0x{program:X} has no procedure {procedure}.");
            case RpcAcceptStatus.GarbageArguments:
                throw new RpcException(RpcFailure.GarbageArguments, $"The server could not decode the arguments of procedure {procedure}.");
            case RpcAcceptStatus.SystemError:
                throw new RpcException(RpcFailure.SystemError, $"The server failed while running procedure {procedure} (RPC SYSTEM_ERR).");
            default:
                throw RpcException.Protocol($"The accept state is {(uint)accept}, which RPC version 2 does not define.");
        }
    }
}

/// <summary>accept_stat of an accepted reply (RFC 5531 §9).</summary>
internal enum RpcAcceptStatus : uint
{
    Success = 0,
    ProgramUnavailable = 1,
    ProgramMismatch = 2,
    ProcedureUnavailable = 3,
    GarbageArguments = 4,
    SystemError = 5,
}
