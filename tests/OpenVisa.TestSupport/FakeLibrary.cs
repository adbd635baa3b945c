using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text;

namespace OpenVisa.TestSupport;

/// <summary>
/// An in-test message-based backend, <c>@fake</c>. Each test gets its own library (<c>testName@fake</c>) and attaches
/// devices by resource name.
/// </summary>
public sealed class FakeLibrary(string argument) : InMemoryLibrary<FakeLibrary.Session>(argument, firstHandle: 100)
{
    private static readonly ConcurrentDictionary<string, ConcurrentDictionary<string, FakeDevice>> DevicesByLibrary = new();

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

    public override IReadOnlyList<string> ListResources(int resourceManagerSession, string query = "?*::INSTR") =>
        [.. Devices.Keys.Where(VisaPattern.Parse(query).IsMatch)];

    public override int Open(int resourceManagerSession, string resourceName, AccessMode accessMode, TimeSpan openTimeout)
    {
        var canonical = ResourceName.Parse(resourceName).Canonical;
        var device = Devices.FirstOrDefault(d => ResourceName.Parse(d.Key).Canonical == canonical).Value
            ?? throw new VisaException(StatusCode.ErrorResourceNotFound, "No fake device there.", nameof(Open), resourceName);
        var generation = device.Open(resourceName);
        return AddSession(resourceManagerSession, new Session(canonical, device, generation));
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

    private ConcurrentDictionary<string, FakeDevice> Devices => DevicesByLibrary.GetOrAdd(Argument, _ => new(StringComparer.OrdinalIgnoreCase));

    protected override void BeforeRead(Session s) => ThrowIfDropped(s, nameof(Read));

    private static void ThrowIfDropped(Session s, string operation)
    {
        if (s.Generation != s.Device.Generation)
            throw new VisaException(StatusCode.ErrorConnectionLost, "The peer closed the connection.", operation, s.Name);
    }

    /// <summary>A session on a fake device; it dies when the device's generation moves on.</summary>
    public sealed class Session(string name, FakeDevice device, int generation) : InMemorySession(name)
    {
        public FakeDevice Device { get; } = device;

        public int Generation { get; } = generation;
    }
}
