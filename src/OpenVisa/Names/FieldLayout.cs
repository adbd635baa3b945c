namespace OpenVisa;

/// <summary>What a <see cref="FieldLayout"/> works with: the error context, the name's board and where parsed parts go.</summary>
/// <param name="Context">Fails with the quoted name and expected syntax.</param>
/// <param name="What">The interface type and class for messages, e.g. <c>GPIB INSTR</c>.</param>
/// <param name="BoardNumber">The board number, when numeric.</param>
/// <param name="Output">The parsed parts, in canonical order.</param>
internal sealed record LayoutContext(NameParseContext Context, string What, int? BoardNumber, List<FieldValue> Output);

/// <summary>How the parts between the board and the resource class of one kind of name are read.</summary>
internal abstract class FieldLayout
{
    /// <summary>Parses <paramref name="tokens"/> (the parts after the board, without the class) into the context's output.</summary>
    public abstract void Parse(IReadOnlyList<string> tokens, LayoutContext layout);

    /// <summary>The "too many parts" failure.</summary>
    protected static void FailTooMany(IReadOnlyList<string> tokens, int max, LayoutContext layout)
    {
        var allowed = max == 0 ? "no parts" : max == 1 ? "at most 1 part" : $"at most {max} parts";
        layout.Context.Fail($"too many parts: {layout.What} takes {allowed} between the board and the class, but found {tokens.Count} ('{string.Join("::", tokens)}')");
    }
}

/// <summary>One part of a name in a <see cref="SequentialLayout"/>.</summary>
/// <param name="Label">How messages name it, e.g. <c>the primary address</c>.</param>
/// <param name="Required">False for a part in brackets in the syntax.</param>
/// <param name="Default">The text an omitted optional part stands for (<c>inst0</c>); null when it is simply absent.</param>
/// <param name="Parse">Validates and converts the part.</param>
internal sealed record FieldSpec(string Label, bool Required, string? Default, FieldParser Parse)
{
    /// <summary>A part that must be there.</summary>
    public static FieldSpec Mandatory(string label, FieldParser parse) => new(label, true, null, parse);

    /// <summary>A part that may be left out; <paramref name="defaultToken"/> fills the canonical name when given.</summary>
    public static FieldSpec Optional(string label, FieldParser parse, string? defaultToken = null) => new(label, false, defaultToken, parse);
}

/// <summary>
/// Parts read left to right, as VISA's syntax reads: an optional part takes a token only when enough tokens remain for
/// the mandatory parts after it, so <c>GPIB0::5::INSTR</c> is a primary address and <c>GPIB0::5::2::INSTR</c> adds a
/// secondary one.
/// </summary>
internal sealed class SequentialLayout(params FieldSpec[] specs) : FieldLayout
{
    /// <inheritdoc/>
    public override void Parse(IReadOnlyList<string> tokens, LayoutContext layout)
    {
        if (tokens.Count > specs.Length)
        {
            FailTooMany(tokens, specs.Length, layout);
        }
        var requiredLeft = specs.Count(s => s.Required);
        if (tokens.Count < requiredLeft)
        {
            var missing = specs.Where(s => s.Required).ElementAt(tokens.Count);
            layout.Context.Fail($"missing {missing.Label}");
        }
        var next = 0;
        foreach (var spec in specs)
        {
            if (spec.Required)
            {
                requiredLeft--;
                layout.Output.Add(spec.Parse(tokens[next++], layout.Context));
            }
            else if (tokens.Count - next > requiredLeft)
            {
                layout.Output.Add(spec.Parse(tokens[next++], layout.Context));
            }
            else if (spec.Default is not null)
            {
                layout.Output.Add(spec.Parse(spec.Default, layout.Context));
            }
        }
    }
}
