namespace OpenVisa.CApi;

/// <summary>
/// A resource session: the backend session, its manager, the handlers the program installed, and the formatted-I/O
/// buffers (<c>viPrintf</c>, <c>viScanf</c>, <c>viBufRead</c>, <c>viBufWrite</c>).
/// </summary>
internal sealed class SessionObject(ManagerObject manager, int backendSession, string resourceName) : CObject
{
    /// <summary>The default formatted-I/O buffer size (<c>VI_ATTR_RD_BUF_SIZE</c>, <c>VI_ATTR_WR_BUF_SIZE</c>).</summary>
    public const int DefaultBufferSize = 4096;

    public ManagerObject Manager { get; } = manager;

    public VisaLibrary Library => Manager.Library;

    public int BackendSession { get; } = backendSession;

    public string ResourceName { get; } = resourceName;

    public override string Kind => "resource session";

    /// <summary>Handlers installed through <c>viInstallHandler</c>.</summary>
    public List<InstalledHandler> Handlers { get; } = [];

    /// <summary>Serialises the formatted-I/O buffers between threads.</summary>
    public Lock FormattedIo { get; } = new();

    /// <summary>Bytes read from the device and not yet consumed by <c>viScanf</c> or <c>viBufRead</c>.</summary>
    public FormattedReadBuffer ReadBuffer { get; } = new();

    /// <summary>Bytes formatted by <c>viPrintf</c> or given to <c>viBufWrite</c>, not yet sent.</summary>
    public MemoryStream WriteBuffer { get; } = new();

    public int ReadBufferSize { get; set; } = DefaultBufferSize;

    public int WriteBufferSize { get; set; } = DefaultBufferSize;

    /// <summary><c>VI_ATTR_USER_DATA_32</c> / <c>_64</c>: kept here, never interpreted.</summary>
    public ulong UserData { get; set; }

    /// <summary>The job id the next asynchronous operation gets.</summary>
    public int NextJobId;

    /// <summary>
    /// Reads with a timeout up to this go straight to the backend's synchronous read: they end soon by themselves,
    /// and the synchronous path costs no thread switch (a query's round trip through libopenvisa stays close to a direct
    /// one). Longer reads take the backend's cancellable synchronous read where it has one (SOCKET, VXI-11, HiSLIP), else the
    /// asynchronous path, so <c>viTerminate</c> can end them early.
    /// </summary>
    public const uint SynchronousReadTimeoutLimit = 2000;

    private CancellationTokenSource _abort = new();

    /// <summary><c>VI_ATTR_TMO_VALUE</c> as last set through libopenvisa (or read at open), to choose the read path.</summary>
    public uint TimeoutMilliseconds { get; set; } = VisaTimeout.ToAttribute(VisaTimeout.Default);

    /// <summary>
    /// Reads into the caller's buffer: synchronously for short timeouts, else so that <c>viTerminate</c> from another
    /// thread can abort it (<see cref="AbortOperations"/>): through the backend's cancellable synchronous read where it
    /// has one, since an asynchronous read costs a thread switch per call and leaves a .NET socket non-blocking for good
    /// (PyVISA over libopenvisa paid about twice the CPU per query with a 5 s timeout), else its asynchronous read.
    /// </summary>
    public unsafe ReadResult Read(byte* buffer, int count)
    {
        if (TimeoutMilliseconds <= SynchronousReadTimeoutLimit)
            return Library.Read(BackendSession, new Span<byte>(buffer, count));
        var token = Volatile.Read(ref _abort).Token;
        if (Library.TryReadCancellable(BackendSession, new Span<byte>(buffer, count), token, out var result))
            return result;
        var pending = Library.ReadAsync(BackendSession, new NativeMemory(buffer, count).Memory, token);
        return pending.IsCompletedSuccessfully ? pending.Result : pending.AsTask().GetAwaiter().GetResult();
    }

    /// <summary>Aborts the reads in progress on this session (<c>viTerminate</c> with no job id).</summary>
    public void AbortOperations()
    {
        // The old source is cancelled, not disposed: a read may still be registering on its token.
        var old = Interlocked.Exchange(ref _abort, new CancellationTokenSource());
        old.Cancel();
    }

    /// <summary>Sends the formatted write buffer, if anything is in it.</summary>
    public void FlushWriteBuffer()
    {
        if (WriteBuffer.Length == 0)
            return;
        var pending = WriteBuffer.GetBuffer().AsSpan(0, (int)WriteBuffer.Length);
        WriteBuffer.SetLength(0);
        var written = 0;
        while (written < pending.Length)
            written += Library.Write(BackendSession, pending[written..]);
    }
}

/// <summary>One handler a C program installed, and the managed delegate the backend calls for it.</summary>
internal sealed record InstalledHandler(EventType EventType, nint Function, nint UserHandle, VisaEventHandler Bridge);
