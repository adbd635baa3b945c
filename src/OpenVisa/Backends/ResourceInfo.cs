namespace OpenVisa;

/// <summary>What a resource name says about a resource, as <c>viParseRsrcEx</c> returns it.</summary>
/// <param name="InterfaceType">The interface type.</param>
/// <param name="InterfaceBoardNumber">The board number; null when the board is not a number (<c>ASRL/dev/ttyUSB0</c>) or has none (VICP).</param>
/// <param name="ResourceClass">The resource class, e.g. <c>INSTR</c>.</param>
/// <param name="ResourceName">The canonical resource name.</param>
/// <param name="Alias">The alias the name was given as, if any (e.g. <c>COM3</c>).</param>
public sealed record ResourceInfo(InterfaceType InterfaceType, int? InterfaceBoardNumber, string ResourceClass, string ResourceName, string? Alias);
