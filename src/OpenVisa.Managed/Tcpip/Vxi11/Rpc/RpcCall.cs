using System.Net;
using Microsoft.Extensions.Logging;

namespace OpenVisa.Managed.Tcpip.Vxi11.Rpc;

/// <summary>The header of a received RPC call.</summary>
/// <param name="Xid">The transaction id the reply must carry.</param>
/// <param name="RpcVersion">The RPC protocol version (2 is the only one served).</param>
/// <param name="Program">The program called.</param>
/// <param name="Version">The program version called.</param>
/// <param name="Procedure">The procedure called.</param>
/// <param name="Peer">Who called.</param>
internal readonly record struct RpcCall(uint Xid, uint RpcVersion, uint Program, uint Version, uint Procedure, IPEndPoint Peer)
{
    /// <summary>
    /// Decodes a call header; the arguments start at <paramref name="argumentsOffset"/>. Throws
    /// <see cref="XdrException"/> when the record is not an RPC call at all.
    /// </summary>
    public static RpcCall Parse(ReadOnlySpan<byte> record, IPEndPoint peer, out int argumentsOffset)
    {
        var reader = new XdrReader(record);
        var xid = reader.ReadUInt32("transaction id");
        var type = reader.ReadUInt32("message type");
        if (type != RpcMessage.Call)
            throw new XdrException($"The message type is {type}, not a call (0).");
        var rpcVersion = reader.ReadUInt32("RPC version");
        var program = reader.ReadUInt32("program number");
        var version = reader.ReadUInt32("program version");
        var procedure = reader.ReadUInt32("procedure number");
        reader.ReadUInt32("credential flavor");
        reader.SkipOpaque("credential", RpcMessage.MaxAuthBodyLength);
        reader.ReadUInt32("verifier flavor");
        reader.SkipOpaque("verifier", RpcMessage.MaxAuthBodyLength);
        argumentsOffset = reader.Position;
        return new RpcCall(xid, rpcVersion, program, version, procedure, peer);
    }
}

/// <summary>The program (and range of versions) an RPC listener serves.</summary>
/// <param name="Program">The program number.</param>
/// <param name="LowVersion">The lowest version served.</param>
/// <param name="HighVersion">The highest version served.</param>
/// <param name="Name">What logs call it, e.g. <c>VXI-11 core</c>.</param>
internal sealed record RpcProgramSpec(uint Program, uint LowVersion, uint HighVersion, string Name);

/// <summary>Runs the procedures of one RPC program for one TCP connection (or for every UDP datagram).</summary>
internal interface IRpcCallHandler
{
    /// <summary>
    /// Runs <paramref name="call"/>'s procedure. The results go into <paramref name="results"/>, after the reply header the
    /// server already wrote. Returns <see cref="RpcAcceptStatus.Success"/>, or <see cref="RpcAcceptStatus.ProcedureUnavailable"/>
    /// for a procedure it does not have; throws <see cref="XdrException"/> when the arguments do not decode.
    /// </summary>
    ValueTask<RpcAcceptStatus> HandleAsync(RpcCall call, ReadOnlyMemory<byte> arguments, XdrWriter results, CancellationToken cancellationToken);
}

/// <summary>Checks a call against a program spec and writes the refusal when it does not match.</summary>
internal static class RpcCallCheck
{
    /// <summary>
    /// True when <paramref name="call"/> is RPC version 2 for the program and a version it serves; otherwise writes the
    /// standard refusal (RPC_MISMATCH, PROG_UNAVAIL or PROG_MISMATCH) into <paramref name="reply"/> and returns false.
    /// </summary>
    public static bool Accepts(RpcProgramSpec spec, RpcCall call, XdrWriter reply)
    {
        if (call.RpcVersion != RpcMessage.RpcVersion)
        {
            RpcMessage.WriteRpcMismatchReply(reply, call.Xid);
            return false;
        }
        if (call.Program != spec.Program)
        {
            RpcMessage.WriteAcceptedReplyHeader(reply, call.Xid, RpcAcceptStatus.ProgramUnavailable);
            return false;
        }
        if (call.Version < spec.LowVersion || call.Version > spec.HighVersion)
        {
            RpcMessage.WriteAcceptedReplyHeader(reply, call.Xid, RpcAcceptStatus.ProgramMismatch);
            reply.WriteUInt32(spec.LowVersion);
            reply.WriteUInt32(spec.HighVersion);
            return false;
        }
        return true;
    }

    /// <summary>
    /// Writes the reply to an accepted call: header, then the handler's results; if the handler refuses, the results are
    /// dropped and the status says why. <see cref="XdrException"/> from the handler becomes GARBAGE_ARGS; any other
    /// failure (a bug, a device that threw) is logged and becomes SYSTEM_ERR, so one bad call never ends the server.
    /// </summary>
    public static async ValueTask<RpcAcceptStatus> DispatchAsync(IRpcCallHandler handler, RpcProgramSpec spec, RpcCall call, ReadOnlyMemory<byte> arguments,
        XdrWriter reply, ILogger logger, CancellationToken cancellationToken)
    {
        var statusOffset = RpcMessage.WriteAcceptedReplyHeader(reply, call.Xid, RpcAcceptStatus.Success);
        var resultsStart = reply.Length;
        RpcAcceptStatus status;
        try
        {
            status = await handler.HandleAsync(call, arguments, reply, cancellationToken).ConfigureAwait(false);
        }
        catch (XdrException e)
        {
            logger.LogDebug("{Program} procedure {Procedure} from {Peer}: undecodable arguments ({Reason})", spec.Name, call.Procedure, call.Peer, e.Message);
            status = RpcAcceptStatus.GarbageArguments;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogError(e, "{Program} procedure {Procedure} from {Peer} failed", spec.Name, call.Procedure, call.Peer);
            status = RpcAcceptStatus.SystemError;
        }
        if (status != RpcAcceptStatus.Success)
        {
            reply.Truncate(resultsStart);
            reply.PatchUInt32(statusOffset, (uint)status);
        }
        return status;
    }
}
