using System.Globalization;
using OpenVisa.Cli.Commands;

namespace OpenVisa.Cli.Shell;

/// <summary>
/// One <c>ovisa shell</c> session: pyvisa-shell's commands (list, open, close, query, write, read, timeout, termchar,
/// attr, exit), <c>.clear</c>, <c>.stb</c>, and <c>record FILE</c> / <c>record stop</c>; see <see cref="ShellCommandNames"/>
/// for how they are told apart from instrument commands. Any other line goes to the open resource: a query when it
/// contains <c>?</c>, a write otherwise. Results go through <see cref="ShellOutput"/>.
/// </summary>
internal sealed class ShellSession(CliContext context, ResourceManager manager) : IDisposable
{
    private readonly ShellOutput _output = new(context);
    private MessageBasedResource? _resource;
    private RecordingLibrary? _recorder;
    private ResourceManager? _recording;

    /// <summary>True once any command has failed; the shell then exits 1.</summary>
    public bool AnyFailed { get; private set; }

    /// <summary>True after <c>exit</c>.</summary>
    public bool Exited { get; private set; }

    /// <summary>The open resource's name, for the prompt.</summary>
    public string? ResourceName => _resource?.ResourceName;

    /// <summary>
    /// Opens <paramref name="name"/> and makes it the shell's resource. The resource open before stays open until the
    /// new one has opened, so a mistyped name leaves the session where it was.
    /// </summary>
    public void Open(string name)
    {
        var opened = (_recording ?? manager).Open(name);
        if (opened is not MessageBasedResource resource)
        {
            opened.Dispose();
            throw new UsageException($"{name} is not a message-based resource; the shell talks to INSTR and SOCKET resources");
        }
        _resource?.Dispose();
        _resource = resource;
    }

    public void Attach(MessageBasedResource resource) => _resource = resource;

    /// <summary>
    /// Runs one line; failures are reported and remembered, never thrown. <paramref name="cancellationToken"/> (Ctrl-C)
    /// abandons a pending read or write: that is reported, and the session goes on.
    /// </summary>
    public async Task ExecuteAsync(string line, CancellationToken cancellationToken = default)
    {
        line = line.Trim();
        if (line.Length == 0 || line.StartsWith('#'))
            return;
        try
        {
            await DispatchAsync(line, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            _output.Note($"cancelled: '{line}' was abandoned (Ctrl-C); a reply that arrives later may be read by the next query, so '.clear' or a fresh query is the safe next step");
        }
        catch (Exception e) when (e is VisaException or UsageException or ArgumentException or FormatException)
        {
            AnyFailed = true;
            var (status, message) = e is VisaException visa
                ? (visa.Abbreviation, e.Message.ReplaceLineEndings(" "))
                : (CliErrorDocument.UsageStatus, "error: " + e.Message);
            _output.Failure(line, status, message);
        }
    }

    /// <summary>Reports a failure that happened outside a line (the start resource), so it counts like one.</summary>
    public void ReportFailure(string command, Exception e)
    {
        AnyFailed = true;
        var (status, message) = e is VisaException visa
            ? (visa.Abbreviation, e.Message.ReplaceLineEndings(" "))
            : (CliErrorDocument.UsageStatus, "error: " + e.Message);
        _output.Failure(command, status, message);
    }

    private async Task DispatchAsync(string line, CancellationToken cancellationToken)
    {
        if (!ShellCommandNames.TryParse(line, out var verb, out var rest))
        {
            await ToInstrumentAsync(line, cancellationToken).ConfigureAwait(false);
            return;
        }
        switch (verb)
        {
            case "exit" or "quit":
                Exited = true;
                break;
            case "help":
                _output.Lines(line, [ShellCommandNames.Help]);
                break;
            case "list":
                _output.Lines(line, [.. (_recording ?? manager).ListResources(rest.Length == 0 ? "?*::INSTR" : rest)]);
                break;
            case "open":
                Open(Required(rest, "open", "a resource name, e.g. .open TCPIP0::192.168.1.5::INSTR"));
                break;
            case "close":
                Current.Dispose();
                _resource = null;
                break;
            case "query":
                var query = Required(rest, "query", "the command to send, e.g. .query *IDN?");
                _output.Reply(line, await Current.QueryAsync(query, cancellationToken).ConfigureAwait(false));
                break;
            case "write":
                await Current.WriteAsync(Required(rest, "write", "the command to send, e.g. .write *RST"), cancellationToken).ConfigureAwait(false);
                break;
            case "read":
                _output.Reply(line, await Current.ReadAsync(cancellationToken).ConfigureAwait(false));
                break;
            case "clear":
                Current.Clear();
                break;
            case "stb":
                _output.Lines(line, [Current.ReadStb().ToString(CultureInfo.InvariantCulture)]);
                break;
            case "timeout":
                Timeout(line, rest);
                break;
            case "termchar":
                Termchar(line, rest);
                break;
            case "attr":
                Attribute(line, rest);
                break;
            case "record":
                Record(line, rest);
                break;
        }
    }

    private async Task ToInstrumentAsync(string line, CancellationToken cancellationToken)
    {
        var first = line.Split(' ', 2)[0].ToLowerInvariant();
        if (ShellCommandNames.DotOnlyWords.Contains(first))
            _output.Note($"note: '{line}' goes to the instrument; the shell's own command is {ShellCommandNames.Prefix}{first}");
        if (line.Contains('?', StringComparison.Ordinal))
            _output.Reply(line, await Current.QueryAsync(line, cancellationToken).ConfigureAwait(false));
        else
            await Current.WriteAsync(line, cancellationToken).ConfigureAwait(false);
    }

    private static string Required(string argument, string verb, string what) =>
        argument.Length > 0 ? argument : throw new UsageException($"{ShellCommandNames.Prefix}{verb} needs {what}");

    private MessageBasedResource Current => _resource ?? throw new UsageException("no resource is open; use '.open NAME' first ('.list' shows the names)");

    private void Timeout(string command, string argument)
    {
        if (argument.Length == 0)
        {
            var timeout = Current.Timeout;
            _output.Lines(command, [VisaTimeout.IsInfinite(timeout) ? "infinite" : ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms"]);
            return;
        }
        Current.Timeout = argument is "inf" or "infinite" or "-1"
            ? System.Threading.Timeout.InfiniteTimeSpan
            : TimeSpan.FromMilliseconds(int.Parse(argument, NumberStyles.Integer, CultureInfo.InvariantCulture));
    }

    private void Termchar(string command, string argument)
    {
        if (argument.Length == 0)
        {
            _output.Lines(command, [$"read: {Show(Current.ReadTermination)} write: {Show(Current.WriteTermination)}"]);
            return;
        }
        var parts = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Current.ReadTermination = parts[0] == "none" ? null : IoOptions.Unescape(parts[0]);
        if (parts.Length > 1)
            Current.WriteTermination = parts[1] == "none" ? "" : IoOptions.Unescape(parts[1]);
    }

    private void Attribute(string command, string argument)
    {
        var parts = argument.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            var values = new List<string>();
            foreach (var info in VisaAttributes.For(Current.InterfaceType, Current.ResourceClass))
            {
                try
                {
                    values.Add($"{info.Name} = {VisaAttributes.Format(info.Id, Current.GetAttribute(info.Id))}");
                }
                catch (VisaException)
                {
                    // Not every attribute the table lists is implemented by every backend.
                }
            }
            _output.Lines(command, values);
            return;
        }
        if (!VisaAttributes.TryParse(parts[0], out var attribute))
            throw new UsageException($"unknown attribute '{parts[0]}'; use a name such as VI_ATTR_TMO_VALUE");
        if (parts.Length == 1)
            _output.Lines(command, [VisaAttributes.Format(attribute, Current.GetAttribute(attribute))]);
        else
            Current.SetAttribute(attribute, VisaAttributes.Convert(attribute, parts[1]));
    }

    // Recording wraps the shell's backend from here on; the open resource is reopened through the recorder with its settings.
    private void Record(string command, string argument)
    {
        if (argument.Length == 0)
        {
            _output.Lines(command, [_recorder is null ? "not recording" : $"recording to {_recorder.SessionFile}"]);
            return;
        }
        if (argument is "stop" or "off")
        {
            if (_recorder is null)
                throw new UsageException("not recording; start with 'record FILE'");
            var file = _recorder.SessionFile;
            SwitchManager(null);
            _output.Lines(command, [$"recorded to {file}"]);
            return;
        }
        if (_recorder is not null)
            throw new UsageException($"already recording to {_recorder.SessionFile}; 'record stop' first");
        SwitchManager(new RecordingLibrary(manager.Library, argument));
        _output.Lines(command, [$"recording to {_recorder!.SessionFile}"]);
    }

    private void SwitchManager(RecordingLibrary? recorder)
    {
        var open = _resource is { } r ? (r.ResourceName, r.Timeout, r.ReadTermination, r.WriteTermination, r.Encoding) : default;
        _resource?.Dispose();
        _resource = null;
        _recording?.Dispose();
        _recorder?.Dispose();
        _recorder = recorder;
        _recording = recorder is null ? null : new ResourceManager(recorder);
        if (open.ResourceName is null)
            return;
        Open(open.ResourceName);
        _resource!.Encoding = open.Encoding;
        _resource.Timeout = open.Timeout;
        _resource.ReadTermination = open.ReadTermination;
        _resource.WriteTermination = open.WriteTermination;
    }

    private static string Show(string? termination) => termination is null ? "none" : MessageBasedResource.Escape(termination);

    public void Dispose()
    {
        _resource?.Dispose();
        _recording?.Dispose();
        _recorder?.Dispose();
    }
}
