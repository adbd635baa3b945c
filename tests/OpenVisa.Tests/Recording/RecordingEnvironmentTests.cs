using OpenVisa.Tests.Backends;

namespace OpenVisa.Tests.Recording;

/// <summary>Changes OPENVISA_BACKEND, so it runs alone with the other tests that change the environment.</summary>
[Collection(nameof(EnvironmentCollection))]
public sealed class RecordingEnvironmentTests
{
    [Fact]
    public void Recording_the_default_backend_when_the_default_is_a_recording_is_refused()
    {
        var previous = Environment.GetEnvironmentVariable(BackendRegistry.BackendVariable);
        try
        {
            Environment.SetEnvironmentVariable(BackendRegistry.BackendVariable, "loop.jsonl|@record");
            var e = Assert.Throws<VisaException>(() => new RecordingLibrary("loop.jsonl|"));
            Assert.Contains("the default (OPENVISA_BACKEND) is itself a recording", e.Message);
            Assert.Contains("'loop.jsonl|@managed@record'", e.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(BackendRegistry.BackendVariable, previous);
        }
    }
}
