using System.Runtime.CompilerServices;

// The interop tests drive the perf device and harness types directly.
[assembly: InternalsVisibleTo("OpenVisa.Interop.Tests")]

// ovisa perf (src/OpenVisa.Cli/Commands/PerfCommand.cs) drives the harness.
[assembly: InternalsVisibleTo("ovisa")]
