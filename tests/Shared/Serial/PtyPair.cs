using System.Diagnostics;

namespace OpenVisa.TestSupport.Serial;

/// <summary>
/// Two connected pseudo-terminals made by <c>socat pty,raw,echo=0,link=A pty,raw,echo=0,link=B</c>: a serial cable
/// in software. <see cref="Vanish"/> kills socat, which is what unplugging an adapter looks like to both ends.
/// </summary>
public sealed class PtyPair : IDisposable
{
    private readonly Process _socat;
    private readonly DirectoryInfo _folder;

    private PtyPair(Process socat, DirectoryInfo folder)
    {
        _socat = socat;
        _folder = folder;
    }

    /// <summary>The end our client opens.</summary>
    public string A => Path.Combine(_folder.FullName, "a");

    /// <summary>The end the test's instrument opens.</summary>
    public string B => Path.Combine(_folder.FullName, "b");

    /// <summary>The VISA name of end A.</summary>
    public string ResourceName => $"ASRL{A}::INSTR";

    public string Folder => _folder.FullName;

    public static PtyPair Start()
    {
        if (SerialPeers.Missing is { } reason)
            Assert.Fail(reason);
        var folder = Directory.CreateTempSubdirectory("ovisa-pty-");
        var info = new ProcessStartInfo(SerialPeers.Socat) { UseShellExecute = false, RedirectStandardError = true };
        foreach (var argument in (string[])["pty,raw,echo=0,link=" + Path.Combine(folder.FullName, "a"), "pty,raw,echo=0,link=" + Path.Combine(folder.FullName, "b")])
            info.ArgumentList.Add(argument);
        var socat = Process.Start(info)!;
        _ = socat.StandardError.ReadToEndAsync();
        var pair = new PtyPair(socat, folder);
        var deadline = Stopwatch.StartNew();
        while (!(File.Exists(pair.A) && File.Exists(pair.B)))
        {
            if (deadline.Elapsed > TimeSpan.FromSeconds(20) || socat.HasExited)
            {
                pair.Dispose();
                Assert.Fail("socat did not create the pty pair within 20 s");
            }
            Thread.Sleep(20);
        }
        return pair;
    }

    /// <summary>Kills socat: both ptys go away, as an unplugged cable.</summary>
    public void Vanish()
    {
        if (!_socat.HasExited)
        {
            _socat.Kill();
            _socat.WaitForExit(10_000);
        }
    }

    public void Dispose()
    {
        Vanish();
        _socat.Dispose();
        try
        {
            _folder.Delete(recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
