using System.Runtime.CompilerServices;

// The shell's line editing and completion rules are tested directly, without a terminal.
[assembly: InternalsVisibleTo("OpenVisa.Tests")]
