namespace OpenVisa;

/// <summary>The outcome of <see cref="BinaryBlockHeader.TryParseHeader"/> on the bytes received so far.</summary>
public enum BlockHeaderParse
{
    /// <summary>The bytes so far are a valid beginning, but the header is not complete yet: read more and try again.</summary>
    NeedMoreData,

    /// <summary>The header is complete; its length and the data length are known.</summary>
    Complete,
}
