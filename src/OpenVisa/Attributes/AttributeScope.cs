namespace OpenVisa;

/// <summary>Whether an attribute's value belongs to one session or is shared by every session to the same resource.</summary>
public enum AttributeScope
{
    /// <summary>Each session has its own value (e.g. <c>VI_ATTR_TMO_VALUE</c>).</summary>
    Local,
    /// <summary>The value belongs to the resource: every session to it sees the same value (e.g. <c>VI_ATTR_ASRL_BAUD</c>).</summary>
    Global,
}
