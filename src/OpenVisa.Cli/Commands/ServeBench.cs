using Microsoft.Extensions.Logging;
using OpenVisa.Instruments.Benches;
using OpenVisa.Server;
using OpenVisa.Server.Http.BenchApi;

namespace OpenVisa.Cli.Commands;

/// <summary>
/// <c>ovisa serve --bench FILE [--simulate]</c>: opens a bench file's instruments through their drivers and serves
/// them under their aliases; with <c>--http</c> the web console shows their parameters and waveforms.
/// </summary>
internal static class ServeBench
{
    /// <summary>Opens the bench; a bad file is a usage error listing its problems, an instrument that fails to open a VISA error.</summary>
    public static InstrumentSet Open(FileInfo file, bool simulate, ILogger logger)
    {
        if (!file.Exists)
            throw new UsageException($"the bench file \"{file.FullName}\" does not exist");
        try
        {
            return InstrumentSet.FromBench(ServedBench.Open(file.FullName, simulate, logger));
        }
        catch (BenchFileException e)
        {
            throw new UsageException(string.Join(Environment.NewLine, e.Problems));
        }
        catch (BenchOpenException e)
        {
            for (var inner = e.InnerException; inner is not null; inner = inner.InnerException)
            {
                if (inner is VisaException visa)
                    throw new VisaException(visa.Status, e.Message + " (try --simulate to serve the bench's simulated instruments)", "bench open", visa.ResourceName, e);
            }
            throw new UsageException(e.Message);
        }
    }
}
