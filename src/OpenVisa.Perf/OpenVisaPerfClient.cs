namespace OpenVisa.Perf;

/// <summary>
/// The client being measured: OpenVisa's public API, <see cref="MessageBasedResource.Query(string)"/> and, for
/// blocks, <see cref="MessageBasedResource.QueryBinaryValues{T}(string, Span{T}, bool, BlockFormat, bool)"/> into one
/// array reused from block to block, as a program that reads waveforms in a loop would (the raw client reuses its
/// buffer too; a new 16 MiB array per block costs thousands of page faults, which is measured apart in docs/performance.md).
/// </summary>
internal sealed class OpenVisaPerfClient : IPerfClient
{
    private readonly ResourceManager _manager;
    private readonly MessageBasedResource _resource;
    private byte[] _block = [];

    public OpenVisaPerfClient(string backend, string resourceName, TimeSpan timeout)
    {
        _manager = new ResourceManager(backend);
        try
        {
            _resource = _manager.Open(resourceName) as MessageBasedResource
                ?? throw new UsageException($"{resourceName} is not a message-based resource, so the perf client cannot query it.");
            _resource.Timeout = timeout;
            // INSTR resources (VXI-11, HiSLIP) start with no read termination (END ends a message), so replies would keep
            // the perf device's newline; a program talking to a newline-terminated instrument sets it, as pyvisa users do.
            _resource.ReadTermination ??= "\n";
        }
        catch
        {
            _manager.Dispose();
            throw;
        }
    }

    public int RoundTrip() => _resource.Query("*IDN?").Length;

    public async ValueTask<int> RoundTripAsync(CancellationToken cancellationToken) =>
        (await _resource.QueryAsync("*IDN?", cancellationToken: cancellationToken).ConfigureAwait(false)).Length;

    public long ReadBlock() => _resource.QueryBinaryValues<byte>("DATA?", _block);

    public void Verify(int blockBytes)
    {
        var identity = _resource.Query("*IDN?");
        if (identity != PerfDevice.Identity)
            throw new InvalidDataException($"*IDN? on {_resource.ResourceName} answered \"{identity}\", not the perf device's \"{PerfDevice.Identity}\".");
        var block = _resource.QueryBinaryValues<byte>("DATA?");
        PerfBlockCheck.Verify(block, blockBytes, "OpenVisa", _resource.ResourceName);
        _block = block;
    }

    public void Dispose()
    {
        _resource.Dispose();
        _manager.Dispose();
    }
}
