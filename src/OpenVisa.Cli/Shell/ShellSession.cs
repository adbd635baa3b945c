using System.Globalization;
using OpenVisa.Cli.Commands;

namespace OpenVisa.Cli.Shell;

/// <summary>
/// One <c>ovisa shell</c> session: pyvisa-shell's commands (list, open, close, query, write, read, timeout,
/// termchar, attr, exit), and <c>record FILE</c> / <c>record stop</c>. A line that is not a shell command goes to the
/// open resource: a query when it contains <c>?</c>, a write otherwise. Replies go to stdout, one per line; errors to stderr.
/// </summary>
internal sealed class ShellSession(CliContext context, ResourceManager manager) : IDisposable
{
    private MessageBasedResource? _resource;
    private RecordingLibrary? _recorder;
    private ResourceManager? _recording;

    /// <summary>True once any command has failed; the shell then exits 1.</summary>
    public bool AnyFailed { get; private set; }

    /// <summary>True after <c>exit</c>.</summary>
    public bool Exited { get; private set; }

    /// <summary>The open resource's name, for the prompt.</summary>
    public string? ResourceName => _resource?.ResourceName;

    public void Open(string name)
    {
        _resource?.Dispose();
        _resource = null;
        _resource = (_recording ?? manager).Open(name) as MessageBasedResource
            ?? throw new UsageException($"{name} is not a message-based resource.");
    }

    public void Attach(MessageBasedResource resource) => _resource = resource;

    /// <summary>Runs one line; failures are reported and remembered, never thrown.</summary>
    public void Execute(string line)
    {
        line = line.Trim();
        if (line.Length == 0 || line.StartsWith('#'))
            return;
        try
        {
            Dispatch(line);
        }
        catch (Exception e) when (e is VisaException or UsageException or ArgumentException or FormatException)
        {
            AnyFailed = true;
            context.Error.WriteLine(e is VisaException ? e.Message.ReplaceLineEndings(" ") : "error: " + e.Message);
        }
    }

    private void Dispatch(string line)
    {
        var space = line.IndexOf(' ', StringComparison.Ordinal);
        var verb = (space < 0 ? line : line[..space]).ToLowerInvariant();
        var rest = space < 0 ? "" : line[(space + 1)..].Trim();
        switch (verb)
        {
            case "exit" or "quit" when rest.Length == 0:
                Exited = true;
                break;
            case "help" or "?" when rest.Length == 0:
                context.Out.WriteLine("Commands: list [QUERY], open NAME, close, query CMD, write CMD, read, timeout [MS], termchar [READ [WRITE]], attr [NAME [VALUE]], record [FILE|stop], exit. Other lines: a query if they contain '?', else a write.");
                break;
            case "list":
                foreach (var name in (_recording ?? manager).ListResources(rest.Length == 0 ? "?*::INSTR" : rest))
                    context.Out.WriteLine(name);
                break;
            case "open" when rest.Length > 0:
                Open(rest);
                break;
            case "close" when rest.Length == 0:
                Current.Dispose();
                _resource = null;
                break;
            case "query" when rest.Length > 0:
                context.WriteReply(Current.Query(rest));
                break;
            case "write" when rest.Length > 0:
                Current.Write(rest);
                break;
            case "read" when rest.Length == 0:
                context.WriteReply(Current.Read());
                break;
            case "timeout":
                Timeout(rest);
                break;
            case "termchar":
                Termchar(rest);
                break;
            case "attr":
                Attribute(rest);
                break;
            case "record":
                Record(rest);
                break;
            default:
                if (line.Contains('?', StringComparison.Ordinal))
                    context.WriteReply(Current.Query(line));
                else
                    Current.Write(line);
                break;
        }
    }

    private MessageBasedResource Current => _resource ?? throw new UsageException("no resource is open; use 'open NAME' first");

    private void Timeout(string argument)
    {
        if (argument.Length == 0)
        {
            var timeout = Current.Timeout;
            context.Out.WriteLine(VisaTimeout.IsInfinite(timeout) ? "infinite" : ((long)timeout.TotalMilliseconds).ToString(CultureInfo.InvariantCulture) + " ms");
            return;
        }
        Current.Timeout = argument is "inf" or "infinite" or "-1"
            ? System.Threading.Timeout.InfiniteTimeSpan
            : TimeSpan.FromMilliseconds(int.Parse(argument, NumberStyles.Integer, CultureInfo.InvariantCulture));
    }

    private void Termchar(string argument)
    {
        if (argument.Length == 0)
        {
            context.Out.WriteLine($"read: {Show(Current.ReadTermination)} write: {Show(Current.WriteTermination)}");
            return;
        }
        var parts = argument.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Current.ReadTermination = parts[0] == "none" ? null : IoOptions.Unescape(parts[0]);
        if (parts.Length > 1)
            Current.WriteTermination = parts[1] == "none" ? "" : IoOptions.Unescape(parts[1]);
    }

    private void Attribute(string argument)
    {
        var parts = argument.Split(' ', 2, StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        if (parts.Length == 0)
        {
            foreach (var info in VisaAttributes.For(Current.InterfaceType, Current.ResourceClass))
            {
                try
                {
                    context.Out.WriteLine($"{info.Name} = {VisaAttributes.Format(info.Id, Current.GetAttribute(info.Id))}");
                }
                catch (VisaException)
                {
                    // Not every attribute the table lists is implemented by every backend.
                }
            }
            return;
        }
        if (!VisaAttributes.TryParse(parts[0], out var attribute))
            throw new UsageException($"unknown attribute '{parts[0]}'; use a name such as VI_ATTR_TMO_VALUE");
        if (parts.Length == 1)
            context.Out.WriteLine(VisaAttributes.Format(attribute, Current.GetAttribute(attribute)));
        else
            Current.SetAttribute(attribute, VisaAttributes.Convert(attribute, parts[1]));
    }

    // Recording wraps the shell's backend from here on; the open resource is reopened through the recorder with its settings.
    private void Record(string argument)
    {
        if (argument.Length == 0)
        {
            context.Out.WriteLine(_recorder is null ? "not recording" : $"recording to {_recorder.SessionFile}");
            return;
        }
        if (argument is "stop" or "off")
        {
            if (_recorder is null)
                throw new UsageException("not recording; start with 'record FILE'");
            var file = _recorder.SessionFile;
            SwitchManager(null);
            context.Out.WriteLine($"recorded to {file}");
            return;
        }
        if (_recorder is not null)
            throw new UsageException($"already recording to {_recorder.SessionFile}; 'record stop' first");
        SwitchManager(new RecordingLibrary(manager.Library, argument));
        context.Out.WriteLine($"recording to {_recorder!.SessionFile}");
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
