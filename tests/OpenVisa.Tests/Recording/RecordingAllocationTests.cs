namespace OpenVisa.Tests.Recording;

public class RecordingAllocationTests
{
    /// <summary>An instrument that answers every write with a fixed reply and allocates nothing itself.</summary>
    private sealed class QuietLibrary() : VisaLibrary("")
    {
        private static readonly byte[] Reply = "OpenVisa,Quiet,0,1.0\n"u8.ToArray();

        public override int OpenDefaultResourceManager() => 1;

        public override IReadOnlyList<string> ListResources(int resourceManagerSession, string query = "?*::INSTR") => [];

        public override int Open(int resourceManagerSession, string resourceName, AccessMode accessMode, TimeSpan openTimeout) => 2;

        public override void Close(int session)
        {
        }

        public override int Write(int session, ReadOnlySpan<byte> data) => data.Length;

        public override ReadResult Read(int session, Span<byte> buffer)
        {
            Reply.CopyTo(buffer);
            return new ReadResult(Reply.Length, StatusCode.SuccessTerminationCharacterRead);
        }
    }

    [Fact]
    public void Recording_writes_and_reads_allocates_nothing_per_operation()
    {
        using var files = new TempFiles();
        using var recorder = new RecordingLibrary(new QuietLibrary(), files.File("alloc.jsonl"), ownsInner: true);
        var rm = recorder.OpenDefaultResourceManager();
        var session = recorder.Open(rm, "TCPIP0::quiet.invalid::5025::SOCKET", AccessMode.None, TimeSpan.FromSeconds(1));
        var command = "MEAS:VOLT? \"quoted\"\n"u8.ToArray();
        var binary = new byte[] { 0x23, 0x31, 0x34, 0x00, 0xFF, 0x10, 0x0A };
        var buffer = new byte[1024];

        void Work()
        {
            recorder.Write(session, command);
            recorder.Read(session, buffer);
            recorder.Write(session, binary);
        }

        Work(); // warm up: first calls may allocate for JIT, type loading and the per-session line parts
        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
            Work();
        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
        recorder.Close(session);
        recorder.Close(rm);
        Assert.Equal(3003, SessionLog.Load(recorder.SessionFile).Operations.Count(o => o.Op is "write" or "read"));
    }
}
