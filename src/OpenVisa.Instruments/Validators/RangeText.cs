namespace OpenVisa.Instruments.Validators;

/// <summary>The range part of a repr (" 0&lt;=v&lt;=6", " v&gt;=0", "") and of a description.</summary>
internal static class RangeText
{
    public static string Repr(string? min, string? max, string variable = "v") => (min, max) switch
    {
        (null, null) => "",
        (not null, null) => $" {variable}>={min}",
        (null, not null) => $" {variable}<={max}",
        _ => $" {min}<={variable}<={max}",
    };

    public static string Words(string? min, string? max) => (min, max) switch
    {
        (null, null) => "",
        (not null, null) => $" >= {min}",
        (null, not null) => $" <= {max}",
        _ => $" between {min} and {max} inclusive",
    };
}
