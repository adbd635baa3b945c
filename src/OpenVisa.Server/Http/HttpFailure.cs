namespace OpenVisa.Server.Http;

/// <summary>
/// Why an HTTP request failed, as both sides of the wire need it: the HTTP status a client's library sees, the VISA
/// status an OpenVisa client turns back into a <see cref="VisaException"/>, and a message that says what to try.
/// </summary>
/// <remarks>
/// The Lamb routes send it as plain text (<c>VI_ERROR_RSRC_NFOUND: …</c>, as PyTestLab prints the body it gets); the
/// <c>/api/v1/</c> routes as JSON <c>{"status": "VI_ERROR_RSRC_NFOUND", "message": "…"}</c>.
/// </remarks>
public sealed class HttpFailure : Exception
{
    /// <summary>Creates the failure.</summary>
    public HttpFailure(int httpStatus, StatusCode status, string message, Exception? innerException = null)
        : base(message, innerException)
    {
        HttpStatus = httpStatus;
        Status = status;
    }

    /// <summary>The HTTP status code of the response.</summary>
    public int HttpStatus { get; }

    /// <summary>The VISA status the failure stands for.</summary>
    public StatusCode Status { get; }

    /// <summary>The VISA status's name, e.g. <c>VI_ERROR_TMO</c>.</summary>
    public string StatusName => Status.Abbreviation();

    /// <summary>The HTTP status a VISA status maps to: 404 for a missing resource, 423 for a lock, 504 for a timeout, 502 for an instrument that failed.</summary>
    public static int HttpStatusFor(StatusCode status) => status switch
    {
        StatusCode.ErrorResourceNotFound => 404,
        StatusCode.ErrorResourceLocked => 423,
        StatusCode.ErrorTimeout => 504,
        StatusCode.ErrorNonsupportedOperation => 501,
        _ => 502,
    };

    /// <summary>The failure for a VISA error raised by the instrument or its backend.</summary>
    public static HttpFailure From(VisaException e) => new(HttpStatusFor(e.Status), e.Status, e.Message, e);

    /// <summary>A request the server cannot read: 400 with <see cref="StatusCode.ErrorInvalidParameter"/>.</summary>
    public static HttpFailure BadRequest(string message) => new(400, StatusCode.ErrorInvalidParameter, message);
}
