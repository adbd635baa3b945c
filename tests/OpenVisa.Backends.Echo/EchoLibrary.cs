using System.Collections.Concurrent;
using System.Text;
using OpenVisa;

[assembly: VisaBackend("echo", typeof(OpenVisa.Backends.Echo.EchoLibrary), Description = "Test backend: every SOCKET resource echoes what is written to it")]

namespace OpenVisa.Backends.Echo;

/// <summary>
/// A backend found by its file name alone: <c>OpenVisa.Backends.Echo.dll</c>. Each session answers a write
/// with the same bytes, and <c>*IDN?</c> with an identification that names the backend's argument.
/// </summary>
public sealed class EchoLibrary(string argument) : VisaLibrary(argument)
{
    private readonly ConcurrentDictionary<int, EchoSession> _sessions = new();
    private int _next = 100;

    public override int OpenDefaultResourceManager() => Interlocked.Increment(ref _next);

    public override IReadOnlyList<string> ListResources(int resourceManagerSession, string query = "?*::INSTR")
    {
        var pattern = VisaPattern.Parse(query);
        return [.. new[] { "TCPIP0::echo.invalid::1::SOCKET", "TCPIP0::echo.invalid::2::SOCKET" }.Where(pattern.IsMatch)];
    }

    public override int Open(int resourceManagerSession, string resourceName, AccessMode accessMode, TimeSpan openTimeout)
    {
        var session = Interlocked.Increment(ref _next);
        _sessions[session] = new EchoSession(ResourceName.Parse(resourceName).Canonical);
        return session;
    }

    public override void Close(int session) => _sessions.TryRemove(session, out _);

    public override int Write(int session, ReadOnlySpan<byte> data)
    {
        var echo = Get(session);
        var text = Encoding.ASCII.GetString(data);
        echo.Pending = text.StartsWith("*IDN?", StringComparison.Ordinal) ? Encoding.ASCII.GetBytes($"OpenVisa,Echo,{Argument},1.0\n") : data.ToArray();
        return data.Length;
    }

    public override ReadResult Read(int session, Span<byte> buffer)
    {
        var echo = Get(session);
        if (echo.Pending.Length == 0)
            throw new VisaException(StatusCode.ErrorTimeout, "Nothing was written to echo.", nameof(Read), echo.Name);
        var count = Math.Min(buffer.Length, echo.Pending.Length);
        echo.Pending.AsSpan(0, count).CopyTo(buffer);
        echo.Pending = echo.Pending[count..];
        return new ReadResult(count, echo.Pending.Length == 0 ? StatusCode.Success : StatusCode.SuccessMaxCountRead);
    }

    public override object GetAttribute(int session, VisaAttribute attribute) => Get(session).Attributes.TryGetValue(attribute, out var value)
        ? value
        : base.GetAttribute(session, attribute);

    public override StatusCode SetAttribute(int session, VisaAttribute attribute, object value)
    {
        Get(session).Attributes[attribute] = value;
        return StatusCode.Success;
    }

    public override IReadOnlyList<KeyValuePair<string, string>> GetDebugInfo() => [new("Echo", "every write comes back")];

    private EchoSession Get(int session) => _sessions.TryGetValue(session, out var echo)
        ? echo
        : throw new VisaException(StatusCode.ErrorInvalidObject, $"No session {session}.");

    private sealed class EchoSession(string name)
    {
        public string Name { get; } = name;

        public byte[] Pending { get; set; } = [];

        public ConcurrentDictionary<VisaAttribute, object> Attributes { get; } = new() { [VisaAttribute.TimeoutValue] = 2000u };
    }
}
