namespace OpenVisa;

/// <summary>Whether an attribute can be set (<c>viSetAttribute</c>) or only read.</summary>
public enum AttributeAccess
{
    /// <summary>Read only: the implementation reports it; setting it fails with <c>VI_ERROR_ATTR_READONLY</c>.</summary>
    ReadOnly,
    /// <summary>Readable and writable.</summary>
    ReadWrite,
}
