namespace OpenVisa;

// PLACEHOLDER: replaced wholesale by the attribute-table work (issue 2, item 4).
/// <summary>The attribute table.</summary>
public static class VisaAttributes
{
}
