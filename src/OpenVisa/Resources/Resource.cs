namespace OpenVisa;

/// <summary>
/// An open session to one resource. Subclasses add what their resource class can do
/// (<see cref="MessageBasedResource"/> for instruments that talk in messages, and typed views per interface).
/// </summary>
public partial class Resource : IDisposable, IAsyncDisposable
{
    private int _closed;

    /// <summary>Wraps an open session; <see cref="ResourceManager.Open"/> creates resources.</summary>
    protected internal Resource(ResourceManager manager, int session, ResourceInfo info)
    {
        Manager = manager;
        Library = manager.Library;
        Session = session;
        Info = info;
    }

    /// <summary>The manager that opened this resource.</summary>
    public ResourceManager Manager { get; }

    /// <summary>The backend serving this resource.</summary>
    public VisaLibrary Library { get; }

    /// <summary>The backend's session handle.</summary>
    public int Session { get; }

    /// <summary>What the resource name says: interface, board, class, canonical name.</summary>
    public ResourceInfo Info { get; }

    /// <summary>The canonical resource name.</summary>
    public string ResourceName => Info.ResourceName;

    /// <summary>The interface type.</summary>
    public InterfaceType InterfaceType => Info.InterfaceType;

    /// <summary>The resource class (INSTR, SOCKET …).</summary>
    public string ResourceClass => Info.ResourceClass;

    /// <summary>The status of the last operation on this session.</summary>
    public StatusCode LastStatus { get; protected set; }

    /// <summary>True once closed.</summary>
    public bool IsClosed => Volatile.Read(ref _closed) != 0;

    /// <summary>
    /// The I/O timeout (<c>VI_ATTR_TMO_VALUE</c>): <see cref="System.Threading.Timeout.InfiniteTimeSpan"/> waits forever,
    /// <see cref="TimeSpan.Zero"/> does not wait at all.
    /// </summary>
    public TimeSpan Timeout
    {
        get => VisaTimeout.FromAttribute(Convert.ToUInt32(GetAttribute(VisaAttribute.TimeoutValue), System.Globalization.CultureInfo.InvariantCulture));
        set => SetAttribute(VisaAttribute.TimeoutValue, VisaTimeout.ToAttribute(value));
    }

    /// <summary>
    /// The I/O timeout in milliseconds, as PyVISA's <c>timeout</c> is written (<c>res.TimeoutMs = 5000</c>):
    /// <see cref="System.Threading.Timeout.Infinite"/> (-1) waits forever, 0 does not wait at all.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">A negative value other than -1.</exception>
    public int TimeoutMs
    {
        get
        {
            var timeout = Timeout;
            return VisaTimeout.IsInfinite(timeout) || timeout.TotalMilliseconds >= int.MaxValue
                ? System.Threading.Timeout.Infinite
                : (int)timeout.TotalMilliseconds;
        }
        set
        {
            if (value < System.Threading.Timeout.Infinite)
                throw new ArgumentOutOfRangeException(nameof(value), value, $"A timeout of {value} ms on {ResourceName}: use milliseconds from 0 up, or -1 (Timeout.Infinite) to wait forever.");
            Timeout = value == System.Threading.Timeout.Infinite ? System.Threading.Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(value);
        }
    }

    /// <summary>Reads an attribute as its VISA type.</summary>
    public object GetAttribute(VisaAttribute attribute) => Run(nameof(GetAttribute), () => Library.GetAttribute(Session, attribute));

    /// <summary>Writes an attribute.</summary>
    public void SetAttribute(VisaAttribute attribute, object value) =>
        Run(nameof(SetAttribute), () => Complete(Library.SetAttribute(Session, attribute, value), nameof(SetAttribute)));

    /// <summary>Clears the device.</summary>
    public void Clear()
    {
        Run(nameof(Clear), () => Library.Clear(Session));
        OnDeviceCleared();
    }

    /// <summary>Clears the device.</summary>
    public async ValueTask ClearAsync(CancellationToken cancellationToken = default)
    {
        await RunAsync(nameof(Clear), Library.ClearAsync(Session, cancellationToken)).ConfigureAwait(false);
        OnDeviceCleared();
    }

    /// <summary>Called after a successful device clear, which abandons any reply the device still owed.</summary>
    private protected virtual void OnDeviceCleared()
    {
    }

    /// <summary>Closes the session. Closing twice does nothing.</summary>
    public void Close()
    {
        if (Interlocked.Exchange(ref _closed, 1) != 0)
            return;
        try
        {
            Library.Close(Session);
        }
        finally
        {
            Manager.Forget(this);
        }
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        Close();
        GC.SuppressFinalize(this);
    }

    /// <inheritdoc/>
    public ValueTask DisposeAsync()
    {
        Dispose();
        return ValueTask.CompletedTask;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{GetType().Name} at {ResourceName}";

    /// <summary>Records a successful status and reports it when it is a warning.</summary>
    protected void Complete(StatusCode status, string operation)
    {
        LastStatus = status;
        Library.LastStatus = status;
        if (status.IsWarning())
            Library.ReportWarning(status, operation, ResourceName);
    }

    /// <summary>Runs a backend call, recording its status and naming this resource in any error.</summary>
    protected void Run(string operation, Action call)
    {
        ThrowIfClosed(operation);
        try
        {
            call();
            LastStatus = StatusCode.Success;
        }
        catch (VisaException e)
        {
            throw Failed(e, operation);
        }
    }

    /// <summary>Runs a backend call that returns a value, recording its status and naming this resource in any error.</summary>
    protected T Run<T>(string operation, Func<T> call)
    {
        ThrowIfClosed(operation);
        try
        {
            var result = call();
            LastStatus = StatusCode.Success;
            return result;
        }
        catch (VisaException e)
        {
            throw Failed(e, operation);
        }
    }

    /// <summary>Awaits a backend call, recording its status and naming this resource in any error.</summary>
    protected async ValueTask RunAsync(string operation, ValueTask call)
    {
        try
        {
            await call.ConfigureAwait(false);
            LastStatus = StatusCode.Success;
        }
        catch (VisaException e)
        {
            throw Failed(e, operation);
        }
    }

    /// <summary>Records a failure and returns the exception to throw, naming this resource.</summary>
    protected VisaException Failed(VisaException e, string operation)
    {
        LastStatus = e.Status;
        Library.LastStatus = e.Status;
        return e.WithContext(operation, ResourceName);
    }

    /// <summary>Throws <see cref="StatusCode.ErrorInvalidObject"/> when the resource is closed.</summary>
    protected void ThrowIfClosed(string operation)
    {
        if (IsClosed)
            throw new VisaException(StatusCode.ErrorInvalidObject, "The resource is closed; open it again.", operation, ResourceName);
    }
}
