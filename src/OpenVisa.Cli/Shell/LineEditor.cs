namespace OpenVisa.Cli.Shell;

/// <summary>
/// Reads lines from a terminal with editing (left/right, Home/End and Ctrl-A/E, Backspace/Delete, Ctrl-U, Ctrl-W),
/// history (up/down, kept in a file between sessions), Tab completion (the shell's commands, then earlier lines) and
/// Ctrl-C, which abandons the line being typed and gives a fresh prompt instead of ending the shell. Used only when
/// standard input is a terminal.
/// </summary>
/// <param name="historyFile">Where history is kept between sessions.</param>
/// <param name="commands">The shell's own commands, offered first by Tab.</param>
internal sealed class LineEditor(string historyFile, IReadOnlyList<string> commands)
{
    private const int HistoryLimit = 500;
    private readonly List<string> _history = LoadHistory(historyFile);

    /// <summary>Reads one line after showing <paramref name="prompt"/>; null at Ctrl-D on an empty line.</summary>
    public string? ReadLine(string prompt)
    {
        // Ctrl-C arrives as a key while a line is typed (it clears the line); while a command runs it is a signal again.
        var treatedAsInput = Console.TreatControlCAsInput;
        Console.TreatControlCAsInput = true;
        try
        {
            return Edit(prompt);
        }
        finally
        {
            Console.TreatControlCAsInput = treatedAsInput;
        }
    }

    private string? Edit(string prompt)
    {
        Console.Write(prompt);
        var line = new LineBuffer();
        var index = _history.Count;
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (ControlLetter(key))
            {
                case 'C':
                    Console.WriteLine("^C");
                    Console.Write(prompt);
                    line.Set("");
                    index = _history.Count;
                    continue;
                case 'D' when line.Length == 0:
                    Console.WriteLine();
                    return null;
                case 'D':
                    line.Delete();
                    break;
                case 'A':
                    line.Home();
                    break;
                case 'E':
                    line.End();
                    break;
                case 'U':
                    line.EraseToStart();
                    break;
                case 'W':
                    line.EraseWordBefore();
                    break;
                default:
                    switch (key.Key)
                    {
                        case ConsoleKey.Enter:
                            Console.WriteLine();
                            Remember(line.Text);
                            return line.Text;
                        case ConsoleKey.Tab:
                            Complete(prompt, line);
                            break;
                        case ConsoleKey.Backspace:
                            line.Backspace();
                            break;
                        case ConsoleKey.Delete:
                            line.Delete();
                            break;
                        case ConsoleKey.LeftArrow:
                            line.Left();
                            break;
                        case ConsoleKey.RightArrow:
                            line.Right();
                            break;
                        case ConsoleKey.Home:
                            line.Home();
                            break;
                        case ConsoleKey.End:
                            line.End();
                            break;
                        case ConsoleKey.UpArrow when index > 0:
                            line.Set(_history[--index]);
                            break;
                        case ConsoleKey.DownArrow when index < _history.Count:
                            index++;
                            line.Set(index < _history.Count ? _history[index] : "");
                            break;
                        default:
                            if (!char.IsControl(key.KeyChar))
                                line.Insert(key.KeyChar);
                            break;
                    }
                    break;
            }
            Redraw(prompt, line);
        }
    }

    /// <summary>
    /// The letter of a Ctrl-letter key, or null. Terminals send Ctrl-A as byte 1 and so on; .NET reports some as the
    /// letter with the Control modifier and some only by the character, so both are accepted. Tab (Ctrl-I), Enter
    /// (Ctrl-M) and Backspace (Ctrl-H) keep their own meaning.
    /// </summary>
    private static char? ControlLetter(ConsoleKeyInfo key)
    {
        if (key.KeyChar is >= '\x01' and <= '\x1a' and not '\t' and not '\r' and not '\n' and not '\b')
            return (char)('A' + key.KeyChar - 1);
        if (key.Modifiers.HasFlag(ConsoleModifiers.Control) && key.Key is >= ConsoleKey.A and <= ConsoleKey.Z
            && key.Key is not ConsoleKey.I and not ConsoleKey.M and not ConsoleKey.J and not ConsoleKey.H)
            return (char)('A' + (key.Key - ConsoleKey.A));
        return null;
    }

    private void Complete(string prompt, LineBuffer line)
    {
        // The newest history first: the line typed last is the likeliest to be wanted again.
        var (completed, matches) = LineCompletion.Complete(line.Text, commands.Concat(Enumerable.Reverse(_history)));
        if (matches.Count > 0)
        {
            Console.WriteLine();
            Console.WriteLine(string.Join("  ", matches));
            Console.Write(prompt);
        }
        line.Set(completed);
    }

    private static void Redraw(string prompt, LineBuffer line)
    {
        Console.Write("\r" + prompt + line.Text + "\u001b[K");
        var back = line.Length - line.Cursor;
        if (back > 0)
            Console.Write($"\u001b[{back}D");
    }

    private void Remember(string text)
    {
        if (text.Trim().Length == 0 || (_history.Count > 0 && _history[^1] == text))
            return;
        _history.Add(text);
        if (_history.Count > HistoryLimit)
            _history.RemoveAt(0);
        try
        {
            File.WriteAllLines(historyFile, _history);
        }
        catch (IOException)
        {
            // History is a convenience; a read-only home folder must not break the shell.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static List<string> LoadHistory(string path)
    {
        try
        {
            return File.Exists(path) ? [.. File.ReadLines(path).TakeLast(HistoryLimit)] : [];
        }
        catch (IOException)
        {
            return [];
        }
    }
}
