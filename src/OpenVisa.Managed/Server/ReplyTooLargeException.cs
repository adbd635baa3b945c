namespace OpenVisa.Managed.Server;

/// <summary>
/// A served device wrote more reply than the server allows (the servers' <c>MaxReplyBytes</c> option). The server
/// discards the partial reply and reports the failure the protocol's way; the connection stays open.
/// </summary>
public sealed class ReplyTooLargeException : InvalidOperationException
{
    /// <summary>Creates the exception for a reply that would need <paramref name="needed"/> bytes of at most <paramref name="limit"/>.</summary>
    public ReplyTooLargeException(long needed, long limit)
        : base($"The reply would be longer than {limit} bytes (at least {needed}), the most this server sends (MaxReplyBytes, ovisa serve --max-reply-bytes); it was discarded.")
    {
        Limit = limit;
    }

    /// <summary>The most reply bytes the server allows.</summary>
    public long Limit { get; }
}
