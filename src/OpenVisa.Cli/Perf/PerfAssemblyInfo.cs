using System.Runtime.CompilerServices;

// The interop tests drive the perf device and harness types directly.
[assembly: InternalsVisibleTo("OpenVisa.Interop.Tests")]
