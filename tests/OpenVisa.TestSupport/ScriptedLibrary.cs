using System.Text;

namespace OpenVisa.TestSupport;

/// <summary>
/// An in-memory message-based backend with a small scripted instrument, for testing the front end without
/// transports. Registered as <c>@scripted</c>; give each test its own argument (<c>name@scripted</c>) for its
/// own library instance.
/// </summary>
public sealed class ScriptedLibrary(string argument) : InMemoryLibrary<ScriptedLibrary.Session>(argument, firstHandle: 1000)
{
    public static void EnsureRegistered() => BackendRegistry.Register("scripted", typeof(ScriptedLibrary), "in-test scripted instrument");

    public static ResourceManager Manager(string testName)
    {
        EnsureRegistered();
        return new ResourceManager(testName + "@scripted");
    }

    public const string SocketName = "TCPIP0::127.0.0.1::5025::SOCKET";
    public const string InstrName = "TCPIP0::127.0.0.1::inst0::INSTR";

    public override IReadOnlyList<string> ListResources(int resourceManagerSession, string query = "?*::INSTR")
    {
        var pattern = VisaPattern.Parse(query);
        return [.. new[] { InstrName, SocketName }.Where(pattern.IsMatch)];
    }

    public override int Open(int resourceManagerSession, string resourceName, AccessMode accessMode, TimeSpan openTimeout)
    {
        if (resourceName.Contains("absent", StringComparison.OrdinalIgnoreCase))
            throw new VisaException(StatusCode.ErrorResourceNotFound, "No such scripted instrument.", nameof(Open), resourceName);
        return AddSession(resourceManagerSession, new Session(ResourceName.Parse(resourceName).Canonical));
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

    /// <summary>With the termination character on, a read that empties the reply without it reports the count, not END.</summary>
    protected override bool EndsWithLastByteWhenTerminationEnabled => false;

    public override byte ReadStb(int session) => 0x10;

    public IReadOnlyList<string> WrittenTo(int session) => Get(session).Written;

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

    /// <summary>A session on the scripted instrument: what was written to it and the value SET stored.</summary>
    public sealed class Session(string name) : InMemorySession(name)
    {
        public List<string> Written { get; } = [];

        public string Value { get; set; } = "";
    }
}
