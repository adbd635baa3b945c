using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Managed.Tests.Hislip;

/// <summary>The client's sync query path allocates nothing per message beyond what the caller asks for.</summary>
public sealed class HislipAllocationTests
{
    [Fact]
    public async Task Sync_queries_allocate_nothing_on_the_calling_thread()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var client = fixture.Connect();
        var command = "ECHO? 1.234567E+00"u8.ToArray();
        var buffer = new byte[256];
        for (var i = 0; i < 200; i++)
            Query(client, command, buffer);

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
            Query(client, command, buffer);
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    [Fact]
    public async Task Sync_queries_through_the_library_allocate_nothing_on_the_calling_thread()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var library = new ManagedLibrary("");
        var session = library.Open(library.OpenDefaultResourceManager(), fixture.Server.ResourceNameOf("hislip0"), AccessMode.None, TimeSpan.FromSeconds(5));
        var command = "ECHO? 1.234567E+00"u8.ToArray();
        var buffer = new byte[256];
        for (var i = 0; i < 200; i++)
        {
            library.Write(session, command);
            library.Read(session, buffer);
        }

        var before = GC.GetAllocatedBytesForCurrentThread();
        for (var i = 0; i < 1000; i++)
        {
            library.Write(session, command);
            library.Read(session, buffer);
        }
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;

        Assert.Equal(0, allocated);
    }

    private static void Query(HislipClient client, byte[] command, byte[] buffer)
    {
        client.Write(command);
        var result = client.Read(buffer);
        if (result.Count != 13)
            Assert.Fail($"Unexpected reply of {result.Count} bytes."); // Assert.Equal itself would allocate
    }
}
