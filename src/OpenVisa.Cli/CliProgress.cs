using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace OpenVisa.Cli;

/// <summary>
/// One status line on stderr for a long operation (perf, discovery, a block read into a file, a large simulator file):
/// what is being done and for how long, redrawn in place a few times a second and erased when done. Shown only when
/// both stdout and stderr are a terminal and <c>--json</c> is off, so scripts, pipes and logs never see it.
/// </summary>
internal sealed class CliProgress : IDisposable
{
    private static readonly TimeSpan Tick = TimeSpan.FromMilliseconds(250);

    private readonly TextWriter _error;
    private readonly string _activity;
    private readonly Stopwatch _elapsed = Stopwatch.StartNew();
    private readonly Timer _timer;
    private string _status = "";
    private bool _done;

    private CliProgress(TextWriter error, string activity)
    {
        _error = error;
        _activity = activity;
        Draw();
        // Redrawn from a timer, so a blocking call (a discovery, a long read) still shows its time passing.
        _timer = new Timer(_ => Draw(), null, Tick, Tick);
    }

    /// <summary>Starts a status line for <paramref name="activity"/>, or returns null where none may be shown.</summary>
    public static CliProgress? Start(CliContext context, string activity) =>
        context.IsTerminal && !context.Json ? new CliProgress(context.Error, activity) : null;

    /// <summary>Sets the detail after the activity (e.g. "round 3 of 20").</summary>
    public void Report(string status)
    {
        Volatile.Write(ref _status, status);
        Draw();
    }

    /// <summary>A writer whose lines become the status: for code that reports progress one line at a time.</summary>
    public TextWriter AsWriter() => new StatusWriter(this);

    private void Draw()
    {
        lock (_error)
        {
            if (_done)
                return;
            var status = Volatile.Read(ref _status);
            var seconds = _elapsed.Elapsed.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture);
            _error.Write($"\r{_activity}{(status.Length == 0 ? "" : ": " + status)} ({seconds} s)\u001b[K");
            _error.Flush();
        }
    }

    /// <summary>Erases the status line, so what follows starts on a clean line.</summary>
    public void Dispose()
    {
        _timer.Dispose();
        lock (_error)
        {
            if (_done)
                return;
            _done = true;
            _error.Write("\r\u001b[K");
            _error.Flush();
        }
    }

    private sealed class StatusWriter(CliProgress progress) : TextWriter
    {
        private readonly StringBuilder _line = new();

        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value)
        {
            if (value == '\n')
            {
                progress.Report(_line.ToString().TrimEnd('\r'));
                _line.Clear();
            }
            else
            {
                _line.Append(value);
            }
        }
    }
}
