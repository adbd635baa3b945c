using System.Globalization;

namespace OpenVisa.Instruments.Drivers.Siglent;

/// <summary>
/// A Siglent reply of the form <c>C1:BSWV WVTP,SINE,FRQ,1000HZ,AMP,4V,...</c> or <c>C1:OUTP OFF,LOAD,HZ,PLRT,NOR</c>: an
/// echoed header, then comma-separated items that are mostly name/value pairs whose values carry their unit
/// (<c>HZ</c>, <c>S</c>, <c>V</c>, <c>Vrms</c>). Siglent generators answer their settings this way instead of one query
/// per setting, so every parameter of a channel is read from one such reply.
/// </summary>
public sealed class SiglentSettingList
{
    private readonly string[] _items;

    private SiglentSettingList(string header, string[] items, string reply)
    {
        Header = header;
        _items = items;
        Reply = reply;
    }

    /// <summary>The echoed header, e.g. <c>C1:BSWV</c>.</summary>
    public string Header { get; }

    /// <summary>The reply as received (trimmed), for messages.</summary>
    public string Reply { get; }

    /// <summary>The first item, which for <c>OUTP?</c> is the output state (<c>ON</c>/<c>OFF</c>).</summary>
    public string First => _items.Length > 0 ? _items[0] : throw new FormatException($"The reply '{Reply}' holds no items after its header.");

    /// <summary>Splits a reply; throws <see cref="FormatException"/> when it has no header or no items.</summary>
    public static SiglentSettingList Parse(string reply)
    {
        ArgumentNullException.ThrowIfNull(reply);
        var text = reply.Trim();
        var space = text.IndexOf(' ', StringComparison.Ordinal);
        if (space <= 0 || space == text.Length - 1)
            throw new FormatException($"'{text}' is not a Siglent setting list (a header such as C1:BSWV, a space, then NAME,VALUE,...).");
        var items = text[(space + 1)..].Split(',').Select(i => i.Trim()).ToArray();
        return new SiglentSettingList(text[..space], items, text);
    }

    /// <summary>True when the list has an item <paramref name="name"/> followed by a value.</summary>
    public bool Has(string name) => IndexOf(name) >= 0;

    /// <summary>The text after item <paramref name="name"/>; throws <see cref="FormatException"/> naming what is there instead.</summary>
    public string Text(string name)
    {
        var index = IndexOf(name);
        return index >= 0
            ? _items[index + 1]
            : throw new FormatException($"The reply '{Reply}' has no {name}; the current waveform type may not have that setting (set the type first).");
    }

    /// <summary>The number after item <paramref name="name"/>, without its unit (<c>1000HZ</c> is 1000, <c>-2V</c> is −2).</summary>
    public double Number(string name)
    {
        var text = Text(name);
        var end = text.Length;
        while (end > 0 && char.IsAsciiLetter(text[end - 1]))
            end--;
        return double.TryParse(text.AsSpan(0, end), NumberStyles.Float, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new FormatException($"The {name} value '{text}' in '{Reply}' is not a number with a unit.");
    }

    private int IndexOf(string name)
    {
        // Names stand at even positions in BSWV replies and at odd ones in OUTP replies (after the state word), so
        // every item but the last is a candidate; no value of these replies spells a setting name.
        for (var i = 0; i < _items.Length - 1; i++)
        {
            if (_items[i].Equals(name, StringComparison.OrdinalIgnoreCase))
                return i;
        }
        return -1;
    }
}
