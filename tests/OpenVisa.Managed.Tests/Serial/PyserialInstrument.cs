using OpenVisa.TestSupport.Serial;
using System.Diagnostics;

namespace OpenVisa.Managed.Tests.Serial;

/// <summary>
/// An RS-232 instrument written with pyserial, on the far end of a <see cref="PtyPair"/>: it is what a real
/// instrument looks like to our client, a program we did not write reading and writing a tty.
/// </summary>
/// <remarks>
/// Commands end with LF (or a byte 0x8A, LF with the top bit set, for END_OUT last_bit). <c>*IDN?</c>;
/// <c>ECHO text</c>; <c>HEX text</c> answers the hex of the whole line as received, terminator included;
/// <c>DATA? n</c> answers a definite block of n bytes i % 256 (so it holds 0x0A bytes); <c>DATA #…</c> takes a
/// block and answers <c>length,sum</c>; <c>NUL</c> answers <c>a\0b\n</c>; <c>SILENT</c> answers nothing; <c>*OPC?</c> answers <c>1</c>, as IEEE 488.2 instruments do.
/// </remarks>
internal sealed class PyserialInstrument : IDisposable
{
    public const string Identity = "PYSERIAL,PtyInstrument,0,1.0";

    private const string Script = """
        import sys, serial
        port = serial.Serial(sys.argv[1], 9600, timeout=None)
        print('ready', flush=True)
        buf = b''
        def reply(data):
            port.write(data)
            port.flush()
        while True:
            chunk = port.read(port.in_waiting or 1)
            if not chunk:
                continue
            buf += chunk
            while True:
                if buf.startswith(b'DATA #'):
                    if len(buf) < 7:
                        break
                    n = int(buf[6:7])
                    if len(buf) < 7 + n:
                        break
                    length = int(buf[7:7 + n])
                    total = 7 + n + length + 1
                    if len(buf) < total:
                        break
                    payload = buf[7 + n:7 + n + length]
                    buf = buf[total:]
                    reply(b'%d,%d\n' % (length, sum(payload)))
                    continue
                ends = [i for i in (buf.find(b'\n'), buf.find(b'\x8a')) if i >= 0]
                if not ends:
                    break
                i = min(ends)
                raw = buf[:i + 1]
                line = buf[:i].rstrip(b'\r')
                buf = buf[i + 1:]
                if line == b'*IDN?':
                    reply(b'PYSERIAL,PtyInstrument,0,1.0\n')
                elif line == b'*OPC?':
                    reply(b'1\n')
                elif line.startswith(b'ECHO '):
                    reply(line[5:] + b'\n')
                elif line.startswith(b'HEX '):
                    reply(raw.hex().encode() + b'\n')
                elif line.startswith(b'DATA? '):
                    n = int(line[6:])
                    payload = bytes(k % 256 for k in range(n))
                    size = str(n).encode()
                    reply(b'#%d%s' % (len(size), size) + payload + b'\n')
                elif line == b'NUL':
                    reply(b'a\x00b\n')
                elif line == b'SILENT':
                    pass
                else:
                    reply(b'ERR ' + line + b'\n')
        """;

    private readonly Process _process;

    private PyserialInstrument(Process process) => _process = process;

    /// <summary>Starts the instrument on <paramref name="device"/>.</summary>
    public static PyserialInstrument Start(string device, string folder)
    {
        var script = Path.Combine(folder, "instrument.py");
        File.WriteAllText(script, Script.ReplaceLineEndings("\n") + "\n");
        var info = new ProcessStartInfo(SerialPeers.DebianPython) { UseShellExecute = false, RedirectStandardError = true, RedirectStandardOutput = true };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(device);
        var process = Process.Start(info)!;
        var errors = process.StandardError.ReadToEndAsync();
        // The instrument says "ready" once its port is open, so no test writes before anyone listens.
        var ready = process.StandardOutput.ReadLineAsync();
        if (!ready.Wait(TimeSpan.FromSeconds(30)) || ready.Result != "ready")
        {
            process.Kill();
            Assert.Fail($"the pyserial instrument did not start: {(errors.Wait(TimeSpan.FromSeconds(5)) ? errors.Result : "")}");
        }
        return new PyserialInstrument(process);
    }

    /// <summary>The payload <c>DATA? n</c> sends.</summary>
    public static byte[] Payload(int length)
    {
        var data = new byte[length];
        for (var i = 0; i < length; i++)
            data[i] = (byte)i;
        return data;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }
        _process.Dispose();
    }
}
