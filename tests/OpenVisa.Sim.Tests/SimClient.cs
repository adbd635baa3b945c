using System.Text;

namespace OpenVisa.Sim.Tests;

/// <summary>Talks to one simulated resource through the backend contract, as a front end would.</summary>
internal sealed class SimClient : IDisposable
{
    private readonly bool _ownsManager;

    private SimClient(ResourceManager manager, int session, string writeTermination, bool ownsManager)
    {
        Manager = manager;
        Session = session;
        WriteTermination = writeTermination;
        _ownsManager = ownsManager;
    }

    public ResourceManager Manager { get; }

    public VisaLibrary Library => Manager.Library;

    public int Session { get; }

    public string WriteTermination { get; set; }

    public static string File(string name) => Path.Combine(AppContext.BaseDirectory, "Files", name);

    public static string Spec(string file) => File(file) + "@sim";

    private static readonly System.Collections.Concurrent.ConcurrentDictionary<string, Lazy<string>> CommonCommandCopies = new();

    /// <summary>
    /// The spec of a copy of <paramref name="file"/> (beside it) with the OpenVisa key <c>common_commands: true</c>, for tests
    /// of the IEEE 488.2 commands the simulator answers when a pyvisa-sim file opts in. Written once per run.
    /// </summary>
    public static string SpecWithCommonCommands(string file) =>
        CommonCommandCopies.GetOrAdd(file, name => new Lazy<string>(() =>
        {
            var copy = File("common_commands." + name);
            System.IO.File.WriteAllText(copy, System.IO.File.ReadAllText(File(name)) + "\ncommon_commands: true\n");
            return copy + "@sim";
        })).Value;

    /// <summary>Opens a fresh manager on <paramref name="spec"/> and a session to <paramref name="resource"/>.</summary>
    public static SimClient Open(string spec, string resource, string? writeTermination = null)
    {
        var manager = new ResourceManager(spec);
        try
        {
            return Open(manager, resource, writeTermination, ownsManager: true);
        }
        catch
        {
            manager.Dispose();
            throw;
        }
    }

    public static SimClient Open(ResourceManager manager, string resource, string? writeTermination = null, bool ownsManager = false)
    {
        var session = manager.Library.Open(manager.Session, resource, AccessMode.None, TimeSpan.FromSeconds(1));
        var info = manager.Library.ParseResource(manager.Session, resource);
        var client = new SimClient(manager, session, writeTermination ?? manager.Library.DefaultTerminations(session, info).Write, ownsManager);
        client.TimeoutMs = 1000;
        return client;
    }

    public uint TimeoutMs
    {
        get => (uint)Library.GetAttribute(Session, VisaAttribute.TimeoutValue);
        set => Library.SetAttribute(Session, VisaAttribute.TimeoutValue, value);
    }

    public void WriteRaw(byte[] data) => Library.Write(Session, data);

    public void Write(string command) => Library.Write(Session, Encoding.UTF8.GetBytes(command + WriteTermination));

    /// <summary>Reads one whole reply (until END or the termination character) as bytes.</summary>
    public byte[] ReadBytes()
    {
        var output = new List<byte>();
        var buffer = new byte[7];
        while (true)
        {
            var result = Library.Read(Session, buffer);
            output.AddRange(buffer.AsSpan(0, result.Count).ToArray());
            if (result.IsMessageComplete)
                return [.. output];
        }
    }

    /// <summary>Reads a reply as text with a trailing LF or CR LF removed.</summary>
    public string Read()
    {
        var text = Encoding.UTF8.GetString(ReadBytes());
        return text.EndsWith("\r\n", StringComparison.Ordinal) ? text[..^2] : text.TrimEnd('\n', '\r');
    }

    public string Query(string command)
    {
        Write(command);
        return Read();
    }

    /// <summary>Asserts that nothing is pending: a read times out quickly.</summary>
    public VisaException ExpectNoReply()
    {
        var saved = TimeoutMs;
        TimeoutMs = 30;
        try
        {
            return Assert.Throws<VisaException>(() => Library.Read(Session, new byte[64]));
        }
        finally
        {
            TimeoutMs = saved;
        }
    }

    public void Dispose()
    {
        if (_ownsManager)
            Manager.Dispose();
        else
            Library.Close(Session);
    }
}
