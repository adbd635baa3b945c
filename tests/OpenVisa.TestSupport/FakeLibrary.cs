using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;

namespace OpenVisa.Instruments.Tests.Support;

/// <summary>
/// An in-test message-based backend, <c>@fake</c>. Each test gets its own library (<c>testName@fake</c>) and attaches
/// devices by resource name.
/// </summary>
public sealed class FakeLibrary(string argument) : VisaLibrary(argument)
{
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<string, FakeDevice>> DevicesByLibrary = new();
    private readonly ConcurrentDictionary<int, Session> _sessions = new();
    private readonly ConcurrentDictionary<int, List<int>> _managers = new();
    private int _next = 100;

    public const string Address = "TCPIP0::10.0.0.5::inst0::INSTR";

    public static void EnsureRegistered() => BackendRegistry.Register("fake", typeof(FakeLibrary), "in-test fake instruments");

    /// <summary>A manager on a fresh library named after the calling test, with <paramref name="device"/> at <see cref="Address"/>.</summary>
    public static ResourceManager Manager(FakeDevice device, [CallerMemberName] string test = "", string address = Address)
    {
        EnsureRegistered();
        var key = test + "_" + Guid.NewGuid().ToString("N");
        var devices = DevicesByLibrary.GetOrAdd(key, _ => new(StringComparer.OrdinalIgnoreCase));
        devices[address] = device;
        return new ResourceManager(key + "@fake");
    }

    /// <summary>Attaches <paramref name="device"/> at <paramref name="address"/> to the library <c>key@fake</c>, for specs written in bench files.</summary>
    public static void Attach(string key, FakeDevice device, string address = Address)
    {
        EnsureRegistered();
        DevicesByLibrary.GetOrAdd(key, _ => new(StringComparer.OrdinalIgnoreCase))[address] = device;
    }

    /// <summary>Opens <paramref name="device"/> as a message-based resource on its own manager.</summary>
    public static MessageBasedResource Open(FakeDevice device, [CallerMemberName] string test = "") =>
        Manager(device, test).Open<MessageBasedResource>(Address);

    public override int OpenDefaultResourceManager()
    {
        var id = Interlocked.Increment(ref _next);
        _managers[id] = [];
        return id;
    }

    public override IReadOnlyList<string> ListResources(int resourceManagerSession, string query = "?*::INSTR") =>
        [.. Devices.Keys.Where(VisaPattern.Parse(query).IsMatch)];

    public override int Open(int resourceManagerSession, string resourceName, AccessMode accessMode, TimeSpan openTimeout)
    {
        var canonical = ResourceName.Parse(resourceName).Canonical;
        var device = Devices.FirstOrDefault(d => ResourceName.Parse(d.Key).Canonical == canonical).Value
            ?? throw new VisaException(StatusCode.ErrorResourceNotFound, "No fake device there.", nameof(Open), resourceName);
        var generation = device.Open(resourceName);
        var id = Interlocked.Increment(ref _next);
        _sessions[id] = new Session(canonical, device, generation);
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
        ThrowIfDropped(s, nameof(Write));
        var text = Encoding.Latin1.GetString(data);
        lock (s)
        {
            foreach (var message in text.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                var reply = s.Device.Respond(message.TrimEnd('\r'));
                if (reply is not null)
                    s.Output.AddRange(Encoding.Latin1.GetBytes(reply + "\n"));
            }
        }
        return data.Length;
    }

    /// <summary>Replies are made when the query is written, so none can ever arrive late.</summary>
    public override bool MayDeliverLateReply(int session) => false;

    public override ReadResult Read(int session, Span<byte> buffer)
    {
        var s = Get(session);
        ThrowIfDropped(s, nameof(Read));
        lock (s)
        {
            if (s.Output.Count == 0)
                throw new VisaException(StatusCode.ErrorTimeout, "No reply is pending.", nameof(Read), s.Name);
            var termEnabled = (bool)s.Attributes[VisaAttribute.TerminationCharacterEnabled];
            var term = (byte)s.Attributes[VisaAttribute.TerminationCharacter];
            var count = Math.Min(buffer.Length, s.Output.Count);
            var status = StatusCode.SuccessMaxCountRead;
            if (termEnabled)
            {
                var at = s.Output.IndexOf(term, 0, count);
                if (at >= 0)
                {
                    count = at + 1;
                    status = StatusCode.SuccessTerminationCharacterRead;
                }
            }
            for (var i = 0; i < count; i++)
                buffer[i] = s.Output[i];
            s.Output.RemoveRange(0, count);
            if (status == StatusCode.SuccessMaxCountRead && s.Output.Count == 0)
                status = StatusCode.Success;
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

    protected override string? DescribeSession(int session) => _sessions.TryGetValue(session, out var s) ? s.Name : null;

    private ConcurrentDictionary<string, FakeDevice> Devices => DevicesByLibrary.GetOrAdd(Argument, _ => new(StringComparer.OrdinalIgnoreCase));

    private static void ThrowIfDropped(Session s, string operation)
    {
        if (s.Generation != s.Device.Generation)
            throw new VisaException(StatusCode.ErrorConnectionLost, "The peer closed the connection.", operation, s.Name);
    }

    private Session Get(int session) => _sessions.TryGetValue(session, out var s)
        ? s
        : throw new VisaException(StatusCode.ErrorInvalidObject, $"Session {session} is not open.");

    private sealed class Session(string name, FakeDevice device, int generation)
    {
        public string Name { get; } = name;

        public FakeDevice Device { get; } = device;

        public int Generation { get; } = generation;

        public List<byte> Output { get; } = [];

        public ConcurrentDictionary<VisaAttribute, object> Attributes { get; } = new()
        {
            [VisaAttribute.TimeoutValue] = 2000u,
            [VisaAttribute.TerminationCharacter] = (byte)'\n',
            [VisaAttribute.TerminationCharacterEnabled] = false,
            [VisaAttribute.SendEndEnabled] = true,
        };
    }
}
