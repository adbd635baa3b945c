namespace OpenVisa.Managed.Tcpip.Vxi11.Rpc;

/// <summary>Why an RPC call failed below the level of the procedure's own result.</summary>
internal enum RpcFailure
{
    /// <summary>The peer's bytes are not a valid RPC reply.</summary>
    ProtocolViolation,
    RpcMismatch,
    AuthError,
    ProgramUnavailable,
    ProgramMismatch,
    ProcedureUnavailable,
    GarbageArguments,
    SystemError,

    /// <summary>A record was larger than the receiver accepts.</summary>
    RecordTooLarge,
}

/// <summary>An RPC call was refused or answered with something that is not a valid reply.</summary>
internal sealed class RpcException : Exception
{
    public RpcException(RpcFailure failure, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        Failure = failure;
    }

    public RpcException()
        : this(RpcFailure.ProtocolViolation, "The RPC call failed.")
    {
    }

    public RpcException(string message)
        : this(RpcFailure.ProtocolViolation, message)
    {
    }

    public RpcException(string message, Exception innerException)
        : this(RpcFailure.ProtocolViolation, message, innerException)
    {
    }

    public RpcFailure Failure { get; }

    public static RpcException Protocol(string message, Exception? innerException = null) => new(RpcFailure.ProtocolViolation, message, innerException);
}
