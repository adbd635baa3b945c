// Query an instrument: open it by its VISA resource name, ask, print the reply.
//
//   dotnet run --project examples/QueryInstrument                                   the simulated supply, *IDN?
//   dotnet run --project examples/QueryInstrument -- TCPIP0::192.168.1.20::inst0::INSTR '*IDN?' @managed
//
// Arguments: RESOURCE (default: the simulator's power supply), COMMAND (default *IDN?), BACKEND (default @sim).
using OpenVisa;

var resourceName = args.Length > 0 ? args[0] : "TCPIP0::sim-psu.local::inst0::INSTR";
var command = args.Length > 1 ? args[1] : "*IDN?";
var backend = args.Length > 2 ? args[2] : "@sim";

// Ctrl-C cancels a query that waits for a reply, as the token does in any async call.
using var cancel = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };

try
{
    using var rm = new ResourceManager(backend);
    using var instrument = rm.OpenMessageBased(resourceName);
    instrument.TimeoutMs = 5000;
    var reply = await instrument.QueryAsync(command, cancel.Token);
    Console.WriteLine($"{resourceName} answered {command} with: {reply}");
    return 0;
}
catch (VisaException e)
{
    // The message starts with the VISA status (VI_ERROR_TMO …) and says which resource, which operation, what to try.
    Console.Error.WriteLine(e.Message);
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("cancelled");
    return 130;
}
