using System.Text;

namespace OpenVisa.Cli.Shell;

/// <summary>
/// Reads lines from a terminal with editing (left/right, home/end, backspace/delete) and history
/// (up/down), kept in a file between sessions. Used only when standard input is a terminal.
/// </summary>
internal sealed class LineEditor(string historyFile)
{
    private const int HistoryLimit = 500;
    private readonly List<string> _history = LoadHistory(historyFile);

    public string? ReadLine(string prompt)
    {
        Console.Write(prompt);
        var line = new StringBuilder();
        var cursor = 0;
        var index = _history.Count;
        while (true)
        {
            var key = Console.ReadKey(intercept: true);
            switch (key.Key)
            {
                case ConsoleKey.Enter:
                    Console.WriteLine();
                    var text = line.ToString();
                    Remember(text);
                    return text;
                case ConsoleKey.D when key.Modifiers.HasFlag(ConsoleModifiers.Control) && line.Length == 0:
                    Console.WriteLine();
                    return null;
                case ConsoleKey.Backspace when cursor > 0:
                    line.Remove(--cursor, 1);
                    break;
                case ConsoleKey.Delete when cursor < line.Length:
                    line.Remove(cursor, 1);
                    break;
                case ConsoleKey.LeftArrow when cursor > 0:
                    cursor--;
                    break;
                case ConsoleKey.RightArrow when cursor < line.Length:
                    cursor++;
                    break;
                case ConsoleKey.Home:
                    cursor = 0;
                    break;
                case ConsoleKey.End:
                    cursor = line.Length;
                    break;
                case ConsoleKey.UpArrow when index > 0:
                    line.Clear().Append(_history[--index]);
                    cursor = line.Length;
                    break;
                case ConsoleKey.DownArrow when index < _history.Count:
                    index++;
                    line.Clear().Append(index < _history.Count ? _history[index] : "");
                    cursor = line.Length;
                    break;
                default:
                    if (!char.IsControl(key.KeyChar))
                        line.Insert(cursor++, key.KeyChar);
                    break;
            }
            Redraw(prompt, line, cursor);
        }
    }

    private static void Redraw(string prompt, StringBuilder line, int cursor)
    {
        Console.Write("\r" + prompt + line + "\u001b[K");
        var back = line.Length - cursor;
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
