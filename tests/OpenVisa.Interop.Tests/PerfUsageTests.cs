using OpenVisa.Cli;
using OpenVisa.Perf;
using UsageException = OpenVisa.Perf.UsageException;

namespace OpenVisa.Interop.Tests;

/// <summary>Bad <c>ovisa perf</c> input fails at once with exit 2 and a message that quotes it and says what was expected.</summary>
public sealed class PerfUsageTests
{
    [Theory]
    [InlineData(new[] { "--transports", "usb" }, "unknown transport 'usb' in --transports 'usb'; this build measures: socket, vxi11, hislip, sim, http")]
    [InlineData(new[] { "--transports", "," }, "--transports ',' names no transport")]
    [InlineData(new[] { "--seconds", "0" }, "--seconds 0 must be a positive number")]
    [InlineData(new[] { "--rounds", "-1" }, "--rounds -1 must be a positive number")]
    [InlineData(new[] { "--cpu", "4096" }, "--cpu 4096 is not a CPU of this machine")]
    [InlineData(new[] { "--block-bytes", "0" }, "--block-bytes 0 is not a block size")]
    public async Task Bad_perf_options_are_usage_errors_that_quote_the_input(string[] options, string message)
    {
        var (exit, output, error) = await PerfHarnessTests.RunAsync(["perf", .. options]);

        Assert.Equal(CliApp.BadUsage, exit);
        Assert.Contains(message, error);
        Assert.Equal("", output);
    }

    [Fact]
    public void Every_transport_name_of_the_contract_is_either_measured_or_said_to_be_missing_from_this_build()
    {
        foreach (var name in PerfTransports.ContractNames)
        {
            if (PerfTransports.All.Any(t => t.Name == name))
            {
                Assert.Equal(name, Assert.Single(PerfTransports.Parse(name)).Name);
                continue;
            }
            var e = Assert.Throws<UsageException>(() => PerfTransports.Parse(name));
            Assert.Contains($"'{name}' is not in this build yet", e.Message);
        }
    }

    [Fact]
    public void Every_transport_of_the_contract_is_in_this_build_and_measured_by_default_in_contract_order()
    {
        Assert.Equal(PerfTransports.ContractNames, PerfTransports.All.Select(t => t.Name));
        Assert.Equal(PerfTransports.ContractNames, PerfTransports.Parse("HTTP,SIM,hislip,vxi11,socket").Select(t => t.Name).Reverse());
    }

    [Fact]
    public void A_transport_named_twice_is_measured_once()
    {
        Assert.Single(PerfTransports.Parse("socket, SOCKET"));
    }
}
