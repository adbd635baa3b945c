namespace OpenVisa.Server.Tests.Http;

/// <summary>
/// Test classes that open <see cref="OpenVisa.TestSupport.TestBench"/> in this process run one after the other: a
/// bench's instruments are registered by alias (psu, scope, dmm) in the process-wide instrument registry, so two
/// classes opening it at once collide ("Another instrument is already named 'psu'").
/// </summary>
[CollectionDefinition(Name)]
public sealed class InProcessBenchCollection
{
    public const string Name = "Simulated bench opened in this process";
}
