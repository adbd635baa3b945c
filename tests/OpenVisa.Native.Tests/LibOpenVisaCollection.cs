namespace OpenVisa.Native.Tests;

/// <summary>
/// The tests that load libopenvisa run one at a time: they share the one NativeAOT build, and setting the process
/// environment for a copy's first use must not race another test.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class LibOpenVisaCollection
{
    public const string Name = "libopenvisa";
}
