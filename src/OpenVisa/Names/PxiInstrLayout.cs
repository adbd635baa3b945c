using System.Globalization;

namespace OpenVisa;

/// <summary>
/// The three forms of a PXI INSTR name, told apart by their first part:
/// <c>PXI[bus]::device[::function]</c>, <c>PXI[interface]::bus-device[.function]</c> and
/// <c>PXI[interface]::CHASSISn::SLOTm[::FUNCx]</c>. An omitted function is written out as 0 in the canonical name,
/// as an omitted USB interface number is, so that equal devices have equal names.
/// </summary>
internal sealed class PxiInstrLayout : FieldLayout
{
    private const int MaxBus = 255;
    private const int MaxDevice = 31;
    private const int MaxFunction = 7;
    private const int MaxChassisOrSlot = 65535;

    private static readonly SequentialLayout DeviceForm = new(
        FieldSpec.Mandatory("the device number", FieldParsers.Decimal(ResourceFieldNames.PxiDevice, "the device number", 0, MaxDevice)),
        FieldSpec.Optional("the function number", FieldParsers.Decimal(ResourceFieldNames.PxiFunction, "the function number", 0, MaxFunction), "0"));

    /// <inheritdoc/>
    public override void Parse(IReadOnlyList<string> tokens, LayoutContext layout)
    {
        var context = layout.Context;
        if (tokens.Count == 0)
        {
            context.Fail("missing the device (a device number, bus-device, or CHASSISn::SLOTm)");
        }
        if (tokens[0].StartsWith("CHASSIS", StringComparison.OrdinalIgnoreCase))
        {
            ParseChassisForm(tokens, layout);
        }
        else if (tokens[0].Contains('-', StringComparison.Ordinal))
        {
            if (tokens.Count > 1)
            {
                FailTooMany(tokens, 1, layout);
            }
            ParseBusDeviceForm(tokens[0], layout);
        }
        else
        {
            var bus = layout.BoardNumber ?? 0;
            if (bus > MaxBus)
            {
                context.Fail($"the PXI bus '{bus}' (the board number in this form) is not a number from 0 to {MaxBus}");
            }
            layout.Output.Add(FieldValue.Implied(ResourceFieldNames.PxiBus, bus.ToString(CultureInfo.InvariantCulture)));
            DeviceForm.Parse(tokens, layout);
        }
    }

    private static void ParseBusDeviceForm(string token, LayoutContext layout)
    {
        var context = layout.Context;
        var dash = token.IndexOf('-', StringComparison.Ordinal);
        var rest = token[(dash + 1)..];
        var dot = rest.IndexOf('.', StringComparison.Ordinal);
        var bus = FieldParsers.ParseDecimal(token[..dash], "the bus number", 0, MaxBus, context);
        var device = FieldParsers.ParseDecimal(dot < 0 ? rest : rest[..dot], "the device number", 0, MaxDevice, context);
        var function = dot < 0 ? 0 : FieldParsers.ParseDecimal(rest[(dot + 1)..], "the function number", 0, MaxFunction, context);
        var canonical = string.Create(CultureInfo.InvariantCulture, $"{bus}-{device}.{function}");
        layout.Output.Add(new FieldValue(canonical,
        [
            new(ResourceFieldNames.PxiBus, bus.ToString(CultureInfo.InvariantCulture)),
            new(ResourceFieldNames.PxiDevice, device.ToString(CultureInfo.InvariantCulture)),
            new(ResourceFieldNames.PxiFunction, function.ToString(CultureInfo.InvariantCulture)),
        ]));
    }

    private static void ParseChassisForm(IReadOnlyList<string> tokens, LayoutContext layout)
    {
        if (tokens.Count > 3)
        {
            FailTooMany(tokens, 3, layout);
        }
        layout.Output.Add(Keyword(tokens[0], "CHASSIS", ResourceFieldNames.Chassis, "the chassis number", MaxChassisOrSlot, layout.Context));
        if (tokens.Count < 2)
        {
            layout.Context.Fail($"missing the slot (SLOTm) after '{tokens[0]}'");
        }
        RequireKeyword(tokens[1], "SLOT", "SLOTm", tokens[0], layout.Context);
        layout.Output.Add(Keyword(tokens[1], "SLOT", ResourceFieldNames.Slot, "the slot number", MaxChassisOrSlot, layout.Context));
        if (tokens.Count < 3)
        {
            layout.Output.Add(FieldValue.Keyword("FUNC0", ResourceFieldNames.PxiFunction, "0"));
            return;
        }
        RequireKeyword(tokens[2], "FUNC", "FUNCx", tokens[1], layout.Context);
        layout.Output.Add(Keyword(tokens[2], "FUNC", ResourceFieldNames.PxiFunction, "the function number", MaxFunction, layout.Context));
    }

    private static void RequireKeyword(string token, string keyword, string shape, string previous, NameParseContext context)
    {
        if (!token.StartsWith(keyword, StringComparison.OrdinalIgnoreCase))
        {
            context.Fail($"expected {shape} after '{previous}', found '{token}'");
        }
    }

    private static FieldValue Keyword(string token, string keyword, string fieldName, string label, int max, NameParseContext context)
    {
        var value = FieldParsers.ParseDecimal(token[keyword.Length..], label, 0, max, context);
        var text = value.ToString(CultureInfo.InvariantCulture);
        return FieldValue.Keyword(keyword + text, fieldName, text);
    }
}
