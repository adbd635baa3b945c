using System.Collections.Concurrent;
using System.Text;

namespace OpenVisa.Tests.Support;

/// <summary>
/// An in-memory message-based backend with a small scripted instrument, for testing the front end without
/// transports. Registered as <c>@scripted</c>; give each test its own argument (<c>name@scripted</c>) for its
/// own library instance.
/// </summary>
public sealed class ScriptedLibrary(string argument) : VisaLibrary(argument)
{
    private readonly ConcurrentDictionary<int, Session> _sessions = new();
    private readonly ConcurrentDictionary<int, List<int>> _managers = new();
    private int _next = 1000;

    public static void EnsureRegistered() => BackendRegistry.Register("scripted", typeof(ScriptedLibrary), "in-test scripted instrument");

    public static ResourceManager Manager(string testName)
    {
        EnsureRegistered();
        return new ResourceManager(testName + "@scripted");
    }

    public const string SocketName = "TCPIP0::127.0.0.1::5025::SOCKET";
    public const string InstrName = "TCPIP0::127.0.0.1::inst0::INSTR";

    /// <summary>Every session this library has open, for checks that managers close only their own.</summary>
    public int OpenSessionCount => _sessions.Count;

    public override int OpenDefaultResourceManager()
    {
        var id = Interlocked.Increment(ref _next);
        _managers[id] = [];
        return id;
    }

    public override IReadOnlyList<string> ListResources(int resourceManagerSession, string query = "?*::INSTR")
    {
        var pattern = VisaPattern.Parse(query);
        return [.. new[] { InstrName, SocketName }.Where(pattern.IsMatch)];
    }

    public override int Open(int resourceManagerSession, string resourceName, AccessMode accessMode, TimeSpan openTimeout)
    {
        if (resourceName.Contains("absent", StringComparison.OrdinalIgnoreCase))
            throw new VisaException(StatusCode.ErrorResourceNotFound, "No such scripted instrument.", nameof(Open), resourceName);
        var id = Interlocked.Increment(ref _next);
        _sessions[id] = new Session(ResourceName.Parse(resourceName).Canonical);
        lock (_managers[resourceManagerSession])
            _managers[resourceManagerSession].Add(id);
        return id;
    }

    public override void Close(int session)
    {
        if (_managers.TryRemove(session, out var owned))
        {
            foreach (var s in owned)
                _sessions.TryRemove(s, out _);
            return;
        }
        _sessions.TryRemove(session, out _);
    }

    public override int Write(int session, ReadOnlySpan<byte> data)
    {
        var s = Get(session);
        var text = Encoding.Latin1.GetString(data).TrimEnd('\n', '\r');
        lock (s)
        {
            s.Written.Add(Encoding.Latin1.GetString(data));
            var block = BlockReply(text);
            if (block is not null)
                s.Output.AddRange(block);
            var reply = block is null ? Respond(s, text) : null;
            if (reply is not null)
                s.Output.AddRange(Encoding.Latin1.GetBytes(reply));
        }
        return data.Length;
    }

    public override ReadResult Read(int session, Span<byte> buffer)
    {
        var s = Get(session);
        lock (s)
        {
            if (s.Output.Count == 0)
                throw new VisaException(StatusCode.ErrorTimeout, "No reply is pending.", nameof(Read), s.Name);
            var termEnabled = (bool)s.Attributes[VisaAttribute.TerminationCharacterEnabled];
            var term = (byte)s.Attributes[VisaAttribute.TerminationCharacter];
            var available = Math.Min(buffer.Length, s.Output.Count);
            var count = available;
            var status = StatusCode.SuccessMaxCountRead;
            if (termEnabled)
            {
                var at = s.Output.IndexOf(term, 0, available);
                if (at >= 0)
                {
                    count = at + 1;
                    status = StatusCode.SuccessTerminationCharacterRead;
                }
            }
            for (var i = 0; i < count; i++)
                buffer[i] = s.Output[i];
            s.Output.RemoveRange(0, count);
            if (status == StatusCode.SuccessMaxCountRead && s.Output.Count == 0 && !termEnabled)
                status = StatusCode.Success; // END with the last byte of the reply
            return new ReadResult(count, status);
        }
    }

    public override object GetAttribute(int session, VisaAttribute attribute) =>
        Get(session).Attributes.TryGetValue(attribute, out var value) ? value : base.GetAttribute(session, attribute);

    public override StatusCode SetAttribute(int session, VisaAttribute attribute, object value)
    {
        Get(session).Attributes[attribute] = value;
        return StatusCode.Success;
    }

    public override byte ReadStb(int session) => 0x10;

    public IReadOnlyList<string> WrittenTo(int session) => Get(session).Written;

    protected override string? DescribeSession(int session) => _sessions.TryGetValue(session, out var s) ? s.Name : null;

    private static string? Respond(Session s, string command)
    {
        var space = command.IndexOf(' ', StringComparison.Ordinal);
        var header = space < 0 ? command : command[..space];
        var argument = space < 0 ? "" : command[(space + 1)..];
        return header.ToUpperInvariant() switch
        {
            "*IDN?" => "Scripted,Device,0,1.0\n",
            "ECHO" => argument + "\n",
            "LONG?" => new string('x', int.Parse(argument, System.Globalization.CultureInfo.InvariantCulture)) + "\n",
            "CRLF?" => "value\r\n",
            "TWO?" => "first\nsecond\n",
            "SET" => Store(s, argument),
            "GET?" => s.Value + "\n",
            _ => null,
        };
    }

    /// <summary>
    /// <c>DATA? n</c>: an IEEE definite block of n bytes whose byte i is i &amp; 0xFF (so it holds <c>\n</c> bytes),
    /// then <c>\n</c>. <c>ECHOBLOCK? hex</c>: the given bytes as a block after a <c>:WAV:DATA </c> echo.
    /// <c>INDEF? n</c>: the same bytes as an indefinite <c>#0</c> block.
    /// </summary>
    private static byte[]? BlockReply(string command)
    {
        var parts = command.Split(' ', 2);
        switch (parts[0].ToUpperInvariant())
        {
            case "DATA?":
            case "INDEF?":
                var count = int.Parse(parts[1], System.Globalization.CultureInfo.InvariantCulture);
                var payload = new byte[count];
                for (var i = 0; i < count; i++)
                    payload[i] = (byte)i;
                var header = parts[0].Equals("INDEF?", StringComparison.OrdinalIgnoreCase) ? "#0" : $"#{count.ToString(System.Globalization.CultureInfo.InvariantCulture).Length}{count}";
                return [.. Encoding.ASCII.GetBytes(header), .. payload, (byte)'\n'];
            case "ECHOBLOCK?":
                var data = Convert.FromHexString(parts[1]);
                return [.. Encoding.ASCII.GetBytes($":WAV:DATA #{data.Length.ToString(System.Globalization.CultureInfo.InvariantCulture).Length}{data.Length}"), .. data, (byte)'\n'];
            case "SHORT?":
                return Encoding.ASCII.GetBytes("#15ab");
            case "CUTHEADER?":
                return Encoding.ASCII.GetBytes("#9000");
            default:
                return null;
        }
    }

    private static string? Store(Session s, string value)
    {
        s.Value = value;
        return null;
    }

    private Session Get(int session) => _sessions.TryGetValue(session, out var s)
        ? s
        : throw new VisaException(StatusCode.ErrorInvalidObject, $"Session {session} is not open.");

    private sealed class Session(string name)
    {
        public string Name { get; } = name;

        public List<byte> Output { get; } = [];

        public List<string> Written { get; } = [];

        public string Value { get; set; } = "";

        public ConcurrentDictionary<VisaAttribute, object> Attributes { get; } = new()
        {
            [VisaAttribute.TimeoutValue] = 2000u,
            [VisaAttribute.TerminationCharacter] = (byte)'\n',
            [VisaAttribute.TerminationCharacterEnabled] = false,
            [VisaAttribute.SendEndEnabled] = true,
        };
    }
}
