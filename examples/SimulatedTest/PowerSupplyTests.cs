// A simulated test in xunit: the code under test talks to "an instrument" through OpenVisa; in the test that
// instrument is the built-in simulated supply (@sim), so the test runs anywhere, CI included.
//
//   dotnet test examples/SimulatedTest
//
// Point the same test at real hardware by changing the backend spec ("@managed") and the resource name.
using OpenVisa;

namespace SimulatedTest;

/// <summary>The code under test: sets an output and checks the supply took the set point.</summary>
public static class SupplyCheck
{
    public static async Task<double> SetAndVerifyAsync(MessageBasedResource psu, int output, double volts, CancellationToken cancellationToken)
    {
        await psu.WriteAsync(FormattableString.Invariant($"VOLT {volts}, (@{output})"), cancellationToken);
        var readBack = (await psu.QueryAsciiValuesAsync<double>($"VOLT? (@{output})", cancellationToken))[0];
        if (Math.Abs(readBack - volts) > 1e-6)
            throw new InvalidOperationException(FormattableString.Invariant($"output {output} reads {readBack} V after a set point of {volts} V"));
        return readBack;
    }
}

public sealed class PowerSupplyTests : IDisposable
{
    private readonly ResourceManager _rm = new("@sim");
    private readonly MessageBasedResource _psu;

    public PowerSupplyTests() => _psu = _rm.OpenMessageBased("TCPIP0::sim-psu.local::inst0::INSTR");

    public void Dispose() => _rm.Dispose();

    [Fact]
    public void The_supply_identifies_itself()
    {
        Assert.StartsWith("OpenVisa,SIM-PSU3,", _psu.Query("*IDN?"));
    }

    [Theory]
    [InlineData(1, 3.3)]
    [InlineData(2, 12.0)]
    public async Task A_set_point_reads_back(int output, double volts)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        Assert.Equal(volts, await SupplyCheck.SetAndVerifyAsync(_psu, output, volts, timeout.Token), precision: 6);
    }

    [Fact]
    public void An_unknown_resource_fails_with_the_VISA_status_and_the_name()
    {
        var e = Assert.Throws<VisaException>(() => _rm.OpenMessageBased("TCPIP0::no-such-instrument::inst0::INSTR"));
        Assert.Contains("no-such-instrument", e.Message);
        Assert.StartsWith("VI_ERROR_", e.Message);
    }
}
