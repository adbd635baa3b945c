using System.Text;

namespace OpenVisa.Tests.Recording;

/// <summary>A program that exercises most operations; run live while recording, then against the replay, the results must be equal.</summary>
internal static class Scenario
{
    public static List<string> Run(ResourceManager manager)
    {
        var results = new List<string>();
        using var socket = manager.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
        results.Add(socket.Query("*IDN?"));
        socket.Write("SET 42");
        results.Add(socket.Query("GET?"));
        // Binary payload: every byte value goes through ECHO and back.
        var binary = new byte[] { (byte)'E', (byte)'C', (byte)'H', (byte)'O', (byte)' ', 0x00, 0x01, 0xFF, 0x80, 0x7F, (byte)'\n' };
        socket.WriteRaw(binary);
        results.Add(Convert.ToHexString(socket.ReadRaw()));
        // A reply longer than one chunk is read in several.
        socket.ChunkSize = 16;
        results.Add(socket.Query("LONG? 100"));
        results.Add(socket.ReadStb().ToString(System.Globalization.CultureInfo.InvariantCulture));
        results.Add(Outcome(() => socket.Read()));
        results.Add(Outcome(socket.Clear));
        results.Add(socket.Timeout.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        socket.Timeout = TimeSpan.FromMilliseconds(500);
        results.Add(socket.Timeout.TotalMilliseconds.ToString(System.Globalization.CultureInfo.InvariantCulture));
        using var instr = manager.Open<MessageBasedResource>(ScriptedLibrary.InstrName);
        results.Add(instr.Query("ECHO hello"));
        results.Add(socket.Query("ECHO back to the socket"));
        results.Add(Outcome(() => manager.Open("TCPIP0::absent.example::INSTR")));
        return results;
    }

    public static async Task<List<string>> RunAsync(ResourceManager manager)
    {
        var results = new List<string>();
        using var socket = manager.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
        results.Add(await socket.QueryAsync("*IDN?"));
        await socket.WriteAsync("SET 7");
        results.Add(await socket.QueryAsync("GET?"));
        socket.ChunkSize = 8;
        results.Add(await socket.QueryAsync("LONG? 30"));
        results.Add((await socket.ReadStbAsync()).ToString(System.Globalization.CultureInfo.InvariantCulture));
        try
        {
            await socket.ReadAsync();
            results.Add("no error");
        }
        catch (VisaException e)
        {
            results.Add(e.Abbreviation);
        }
        return results;
    }

    public static string Outcome(Action action)
    {
        try
        {
            action();
            return "ok";
        }
        catch (VisaException e)
        {
            return e.Abbreviation + " " + e.Detail;
        }
    }

    public static string Outcome<T>(Func<T> action)
    {
        try
        {
            return "ok " + action();
        }
        catch (VisaException e)
        {
            return e.Abbreviation + " " + e.Detail;
        }
    }

    public static string Ascii(byte[] bytes) => Encoding.ASCII.GetString(bytes);
}
