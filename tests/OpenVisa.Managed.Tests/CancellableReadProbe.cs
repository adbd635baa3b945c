using System.Text;

namespace OpenVisa.Managed.Tests;

/// <summary>
/// Drives <see cref="VisaLibrary.TryReadCancellable"/> (libopenvisa's <c>viRead</c> for long timeouts) on a session
/// of the @managed library, the way the VXI-11 and HiSLIP tests of the cancellable read need it.
/// </summary>
internal static class CancellableReadProbe
{
    /// <summary>Opens <paramref name="resourceName"/> with the timeout and termination-character setting given.</summary>
    public static int Open(ManagedLibrary library, string resourceName, uint timeoutMs, bool termChar = true)
    {
        var rm = library.OpenDefaultResourceManager();
        var session = library.Open(rm, resourceName, AccessMode.None, TimeSpan.FromSeconds(10));
        library.SetAttribute(session, VisaAttribute.TimeoutValue, timeoutMs);
        library.SetAttribute(session, VisaAttribute.TerminationCharacterEnabled, termChar);
        return session;
    }

    /// <summary>One cancellable read on a thread of its own; the task ends with its text and status or its exception.</summary>
    public static Task<(string Text, StatusCode Status)> Start(ManagedLibrary library, int session, CancellationToken token, int size = 256) =>
        Task.Factory.StartNew(() =>
        {
            var buffer = new byte[size];
            Assert.True(library.TryReadCancellable(session, buffer, token, out var result), "the session has no cancellable read");
            return (Encoding.Latin1.GetString(buffer, 0, result.Count), result.Status);
        }, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>A cancellable read with a token nobody cancels, on the calling thread.</summary>
    public static ReadResult Read(ManagedLibrary library, int session, byte[] buffer)
    {
        using var never = new CancellationTokenSource();
        Assert.True(library.TryReadCancellable(session, buffer, never.Token, out var result), "the session has no cancellable read");
        return result;
    }

    public static void Write(ManagedLibrary library, int session, string command) => library.Write(session, Encoding.Latin1.GetBytes(command + "\n"));

    /// <summary>Writes <paramref name="command"/> and reads the reply with plain <c>Read</c>s until it ends.</summary>
    public static string Query(ManagedLibrary library, int session, string command)
    {
        Write(library, session, command);
        return string.Concat(Chunks(buffer => library.Read(session, buffer), 1024).Select(chunk => chunk.Text));
    }

    /// <summary>Reads one reply in <paramref name="chunk"/>-byte reads with <paramref name="read"/>: every read's text and status.</summary>
    public static List<(string Text, StatusCode Status)> Chunks(Func<byte[], ReadResult> read, int chunk)
    {
        var chunks = new List<(string, StatusCode)>();
        var buffer = new byte[chunk];
        ReadResult result;
        do
        {
            result = read(buffer);
            chunks.Add((Encoding.Latin1.GetString(buffer, 0, result.Count), result.Status));
        }
        while (result.Status == StatusCode.SuccessMaxCountRead);
        return chunks;
    }
}
