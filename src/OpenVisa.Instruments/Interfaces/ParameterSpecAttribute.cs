namespace OpenVisa.Instruments.Interfaces;

/// <summary>
/// Declares, on an interface property, the name and unit every driver's parameter must have, so that code written
/// against the interface gets the same snapshot keys and units from any driver. <see cref="InterfaceCheck"/> verifies it.
/// </summary>
/// <param name="name">The parameter's short name, e.g. <c>voltage</c>.</param>
/// <param name="unit">Its unit, e.g. <c>V</c>; empty for none.</param>
[AttributeUsage(AttributeTargets.Property, Inherited = true)]
public sealed class ParameterSpecAttribute(string name, string unit = "") : Attribute
{
    /// <summary>The parameter's short name.</summary>
    public string Name { get; } = name;

    /// <summary>Its unit.</summary>
    public string Unit { get; } = unit;
}
