using System.Text;

namespace OpenVisa.Instruments;

/// <summary>The settings of a resource that a reopened resource must get back.</summary>
internal sealed record ResourceSettings(TimeSpan Timeout, string? ReadTermination, string WriteTermination, Encoding Encoding, TimeSpan QueryDelay, int ChunkSize)
{
    /// <summary>Reads the settings; when the session cannot answer any more, returns <paramref name="fallback"/>.</summary>
    public static ResourceSettings Capture(MessageBasedResource resource, ResourceSettings? fallback)
    {
        try
        {
            return new ResourceSettings(resource.Timeout, resource.ReadTermination, resource.WriteTermination, resource.Encoding, resource.QueryDelay, resource.ChunkSize);
        }
        catch (VisaException) when (fallback is not null)
        {
            return fallback;
        }
    }

    public void Apply(MessageBasedResource resource)
    {
        resource.Encoding = Encoding;
        resource.Timeout = Timeout;
        resource.ReadTermination = ReadTermination;
        resource.WriteTermination = WriteTermination;
        resource.QueryDelay = QueryDelay;
        resource.ChunkSize = ChunkSize;
    }
}
