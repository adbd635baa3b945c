namespace OpenVisa;

/// <summary>One parsed part of a resource name: its canonical text and the fields it carries.</summary>
/// <param name="Canonical">The part as it appears in the canonical name; null for a value the name implies without a part of its own (the PXI bus of <c>PXI1::…</c>).</param>
/// <param name="Fields">The named values the part holds (a host part may hold a host and a port).</param>
internal readonly record struct FieldValue(string? Canonical, KeyValuePair<string, string>[] Fields)
{
    /// <summary>A part that holds one field whose value is its canonical text.</summary>
    public static FieldValue Single(string fieldName, string text) => new(text, [new(fieldName, text)]);

    /// <summary>A part (a keyword such as <c>CHASSIS1</c>) whose canonical text differs from its field value.</summary>
    public static FieldValue Keyword(string canonical, string fieldName, string value) => new(canonical, [new(fieldName, value)]);

    /// <summary>A value implied by the name that has no part of its own.</summary>
    public static FieldValue Implied(string fieldName, string value) => new(null, [new(fieldName, value)]);
}
