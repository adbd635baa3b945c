namespace OpenVisa.Perf;

/// <summary>A client the harness times: one connection to the perf instrument, used by one caller at a time.</summary>
internal interface IPerfClient : IDisposable
{
    /// <summary>Sends <c>*IDN?</c> and reads the whole reply; returns the reply's length in bytes or characters.</summary>
    int RoundTrip();

    /// <summary>The same round trip through the client's asynchronous path, for load tests with many clients on few threads.</summary>
    ValueTask<int> RoundTripAsync(CancellationToken cancellationToken);

    /// <summary>Sends <c>DATA?</c> and reads the whole binary block; returns the payload bytes received.</summary>
    long ReadBlock();

    /// <summary>Checks once, outside any timed loop, that the replies are what <see cref="PerfDevice"/> sends.</summary>
    void Verify(int blockBytes);
}
