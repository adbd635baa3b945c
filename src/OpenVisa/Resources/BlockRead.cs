namespace OpenVisa;

/// <summary>How a binary block is read: byte order, format, whether its termination follows, how many elements a block
/// without a length holds, and whether the elements go to a new array rather than the caller's.</summary>
internal readonly record struct BlockRead(bool BigEndian, BlockFormat Format, bool ExpectTermination, int DataPoints, bool Allocate);
