using System.Text;

namespace OpenVisa.Cli.Shell;

/// <summary>
/// The line being edited and the cursor in it, with the editing operations of a readline-style prompt (Emacs keys:
/// Ctrl-A/E home and end, Ctrl-U erase to the start, Ctrl-W erase the word before the cursor). Kept apart from the
/// terminal so the editing rules are testable without one.
/// </summary>
internal sealed class LineBuffer
{
    private readonly StringBuilder _text = new();

    /// <summary>The text of the line.</summary>
    public string Text => _text.ToString();

    /// <summary>Where the next typed character goes, 0 to <see cref="Length"/>.</summary>
    public int Cursor { get; private set; }

    /// <summary>The number of characters on the line.</summary>
    public int Length => _text.Length;

    /// <summary>Replaces the line (a history entry, a completion) and puts the cursor at its end.</summary>
    public void Set(string text)
    {
        _text.Clear().Append(text);
        Cursor = _text.Length;
    }

    /// <summary>Types <paramref name="c"/> at the cursor.</summary>
    public void Insert(char c) => _text.Insert(Cursor++, c);

    /// <summary>Erases the character before the cursor (Backspace).</summary>
    public void Backspace()
    {
        if (Cursor > 0)
            _text.Remove(--Cursor, 1);
    }

    /// <summary>Erases the character under the cursor (Delete).</summary>
    public void Delete()
    {
        if (Cursor < _text.Length)
            _text.Remove(Cursor, 1);
    }

    /// <summary>Moves the cursor one character left.</summary>
    public void Left() => Cursor = Math.Max(0, Cursor - 1);

    /// <summary>Moves the cursor one character right.</summary>
    public void Right() => Cursor = Math.Min(_text.Length, Cursor + 1);

    /// <summary>Moves the cursor to the start (Home, Ctrl-A).</summary>
    public void Home() => Cursor = 0;

    /// <summary>Moves the cursor to the end (End, Ctrl-E).</summary>
    public void End() => Cursor = _text.Length;

    /// <summary>Erases everything before the cursor (Ctrl-U), as bash does.</summary>
    public void EraseToStart()
    {
        _text.Remove(0, Cursor);
        Cursor = 0;
    }

    /// <summary>
    /// Erases the word before the cursor and the spaces after it (Ctrl-W): like a shell, a word ends at a space, so
    /// <c>write VOLT 5|</c> becomes <c>write VOLT |</c>.
    /// </summary>
    public void EraseWordBefore()
    {
        var start = Cursor;
        while (start > 0 && _text[start - 1] == ' ')
            start--;
        while (start > 0 && _text[start - 1] != ' ')
            start--;
        _text.Remove(start, Cursor - start);
        Cursor = start;
    }
}
