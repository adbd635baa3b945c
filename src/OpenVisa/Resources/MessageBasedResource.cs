namespace OpenVisa;

/// <summary>A resource that talks in messages: write, read, query, binary blocks.</summary>
public class MessageBasedResource : Resource
{
    /// <summary>Wraps an open session; <see cref="ResourceManager.Open"/> creates resources.</summary>
    protected internal MessageBasedResource(ResourceManager manager, int session, ResourceInfo info)
        : base(manager, session, info)
    {
    }
}
