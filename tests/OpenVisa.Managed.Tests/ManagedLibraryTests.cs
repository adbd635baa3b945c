using System.Net;

namespace OpenVisa.Managed.Tests;

// In the USB tests' collection: they point OPENVISA_LIBUSB (process-wide) at a fake device, which a listing here
// running at the same moment would show.
[Collection(Usb.UsbEnvironment.Name)]
public sealed class ManagedLibraryTests
{
    [Fact]
    public void The_backend_is_found_by_name()
    {
        using var rm = new ResourceManager("@managed");

        Assert.IsType<ManagedLibrary>(rm.Library);
        Assert.Contains(BackendRegistry.FindAll(), d => d.Name == "managed" && d.Description.Length > 0);
    }

    [Fact]
    public async Task A_resource_manager_opens_a_socket_resource_that_does_io()
    {
        await using var bench = SocketBench.Start();
        using var rm = new ResourceManager("@managed");

        using var resource = rm.Open(bench.Server.ResourceName);
        resource.Timeout = TimeSpan.FromMilliseconds(1500);
        resource.SetAttribute(VisaAttribute.TerminationCharacterEnabled, true);
        rm.Library.Write(resource.Session, "*IDN?\n"u8);
        var buffer = new byte[100];
        var result = rm.Library.Read(resource.Session, buffer);

        Assert.IsType<TcpipSocketResource>(resource);
        Assert.Equal(TimeSpan.FromMilliseconds(1500), resource.Timeout);
        Assert.Equal(TestDevice.Identity + "\n", System.Text.Encoding.ASCII.GetString(buffer, 0, result.Count));
        Assert.Contains(bench.Server.ResourceName, rm.ListResources("?*::SOCKET"));
    }

    [Fact]
    public async Task Closing_a_resource_manager_session_closes_its_sessions_only()
    {
        await using var bench = SocketBench.Start();
        var library = bench.Library;
        var other = library.OpenDefaultResourceManager();
        var mine = library.Open(other, bench.Server.ResourceName, AccessMode.None, TimeSpan.FromSeconds(5));
        var theirs = bench.Open();

        library.Close(other);

        var e = Assert.Throws<VisaException>(() => library.Write(mine, "*IDN?\n"u8));
        Assert.Equal(StatusCode.ErrorInvalidObject, e.Status);
        Assert.Contains($"Session {mine} is not open in @managed", e.Message);
        Assert.Equal(TestDevice.Identity + "\n", bench.Query(theirs, "*IDN?"));
    }

    [Fact]
    public void Unknown_handles_are_invalid_objects()
    {
        using var library = new ManagedLibrary("");

        var read = Assert.Throws<VisaException>(() => library.Read(12345, new byte[1]));
        var close = Assert.Throws<VisaException>(() => library.Close(12345));
        var list = Assert.Throws<VisaException>(() => library.ListResources(12345));

        Assert.All([read, close, list], e => Assert.Equal(StatusCode.ErrorInvalidObject, e.Status));
        Assert.Contains("Session 12345 is not open in @managed", read.Message);
        Assert.Contains("Resource-manager session 12345 is not open", list.Message);
    }

    [Fact]
    public void A_resource_manager_handle_is_not_a_resource()
    {
        using var library = new ManagedLibrary("");
        var rm = library.OpenDefaultResourceManager();

        var e = Assert.Throws<VisaException>(() => library.Write(rm, "x"u8));

        Assert.Equal(StatusCode.ErrorInvalidObject, e.Status);
        Assert.Contains("is a resource-manager session; Write needs a resource session", e.Message);
    }

    [Theory]
    [InlineData("GPIB0::INTFC", "GPIB INTFC")]
    public void Interfaces_not_built_yet_say_so(string name, string what)
    {
        using var library = new ManagedLibrary("");
        var rm = library.OpenDefaultResourceManager();

        var e = Assert.Throws<VisaException>(() => library.Open(rm, name, AccessMode.None, TimeSpan.FromSeconds(1)));

        Assert.Equal(StatusCode.ErrorNonsupportedOperation, e.Status);
        Assert.Contains($"cannot open {what}", e.Message);
        Assert.Contains("it supports TCPIP SOCKET", e.Message);
    }

    [Fact]
    public async Task Opening_with_a_lock_is_refused_until_locking_exists()
    {
        await using var bench = SocketBench.Start();

        var e = Assert.Throws<VisaException>(() => bench.Library.Open(bench.ResourceManager, bench.Server.ResourceName, AccessMode.ExclusiveLock, TimeSpan.FromSeconds(1)));

        Assert.Equal(StatusCode.ErrorNonsupportedOperation, e.Status);
        Assert.Contains("does not implement locking yet", e.Message);
    }

    [Fact]
    public async Task List_resources_shows_what_was_opened_filtered_by_the_pattern()
    {
        await using var bench = SocketBench.Start();
        Assert.All(bench.Library.ListResources(bench.ResourceManager, "?*"), n => Assert.StartsWith("ASRL", n)); // only the system's serial ports
        var session = bench.Open();
        bench.Library.Close(session);

        Assert.Equal([bench.Server.ResourceName], bench.Library.ListResources(bench.ResourceManager, "?*::SOCKET"));
        Assert.All(bench.Library.ListResources(bench.ResourceManager), n => Assert.StartsWith("ASRL", n)); // the default ?*::INSTR
    }

    [Fact]
    public void Debug_info_lists_every_interface_and_whether_it_works()
    {
        using var library = new ManagedLibrary("");

        var info = library.GetDebugInfo().ToDictionary(p => p.Key, p => p.Value);

        Assert.Equal("available", info["TCPIP SOCKET (raw TCP)"]);
        Assert.Equal("available", info["TCPIP INSTR (VXI-11 and HiSLIP)"]);
        Assert.Equal("available", info["ASRL INSTR (serial ports)"]);
        Assert.Equal("available", info["USB INSTR (USBTMC / USB488 over libusb)"]);
        Assert.Equal("not implemented yet", info["GPIB INTFC"]);
        Assert.Contains("Runtime", info.Keys);
    }

    [Fact]
    public async Task Socket_attributes_read_and_write()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open();
        var library = bench.Library;
        var port = bench.Server.LocalEndPoint.Port;

        Assert.Equal("127.0.0.1", library.GetAttribute(session, VisaAttribute.TcpipAddress));
        Assert.Equal("127.0.0.1", library.GetAttribute(session, VisaAttribute.TcpipHostname));
        Assert.Equal((ushort)port, library.GetAttribute(session, VisaAttribute.TcpipPort));
        Assert.Equal(true, library.GetAttribute(session, VisaAttribute.TcpipNoDelay));
        Assert.Equal(false, library.GetAttribute(session, VisaAttribute.TcpipKeepAlive));
        Assert.Equal("SOCKET", library.GetAttribute(session, VisaAttribute.ResourceClass));
        Assert.Equal(bench.Server.ResourceName, library.GetAttribute(session, VisaAttribute.ResourceName));
        Assert.Equal((ushort)InterfaceType.Tcpip, library.GetAttribute(session, VisaAttribute.InterfaceType));
        Assert.Equal((ushort)0, library.GetAttribute(session, VisaAttribute.InterfaceNumber));
        Assert.Equal((byte)'\n', library.GetAttribute(session, VisaAttribute.TerminationCharacter));
        Assert.Equal(true, library.GetAttribute(session, VisaAttribute.SendEndEnabled));

        library.SetAttribute(session, VisaAttribute.TcpipKeepAlive, true);
        library.SetAttribute(session, VisaAttribute.TcpipNoDelay, false);
        library.SetAttribute(session, VisaAttribute.TerminationCharacter, '\r');
        library.SetAttribute(session, VisaAttribute.TimeoutValue, 1234);

        Assert.Equal(true, library.GetAttribute(session, VisaAttribute.TcpipKeepAlive));
        Assert.Equal(false, library.GetAttribute(session, VisaAttribute.TcpipNoDelay));
        Assert.Equal((byte)'\r', library.GetAttribute(session, VisaAttribute.TerminationCharacter));
        Assert.Equal(1234u, library.GetAttribute(session, VisaAttribute.TimeoutValue));
    }

    [Fact]
    public async Task Attribute_errors_say_what_is_wrong()
    {
        await using var bench = SocketBench.Start();
        var session = bench.Open();
        var library = bench.Library;

        var readOnly = Assert.Throws<VisaException>(() => library.SetAttribute(session, VisaAttribute.TcpipPort, 80));
        var badValue = Assert.Throws<VisaException>(() => library.SetAttribute(session, VisaAttribute.TerminationCharacter, 300));
        var badProtocol = Assert.Throws<VisaException>(() => library.SetAttribute(session, VisaAttribute.IOProtocol, 2));
        var notThere = Assert.Throws<VisaException>(() => library.GetAttribute(session, VisaAttribute.AsrlBaudRate));
        var wrongType = Assert.Throws<VisaException>(() => library.SetAttribute(session, VisaAttribute.TimeoutValue, "soon"));

        Assert.Equal(StatusCode.ErrorAttributeReadOnly, readOnly.Status);
        Assert.Contains("VI_ATTR_TCPIP_PORT is read-only", readOnly.Message);
        Assert.Equal(StatusCode.ErrorNonsupportedAttributeState, badValue.Status);
        Assert.Contains("VI_ATTR_TERMCHAR cannot be 300 (Int32)", badValue.Message);
        Assert.Equal(StatusCode.ErrorNonsupportedAttributeState, badProtocol.Status);
        Assert.Contains("IO_PROT 2 has no meaning on a raw socket: use 1 (normal) or 4 (IEEE 488.2 strings)", badProtocol.Message);
        Assert.Equal(StatusCode.ErrorNonsupportedAttribute, notThere.Status);
        Assert.Contains("VI_ATTR_ASRL_BAUD does not apply to TCPIP SOCKET sessions", notThere.Message);
        Assert.Equal(StatusCode.ErrorNonsupportedAttributeState, wrongType.Status);
        Assert.Contains("VI_ATTR_TMO_VALUE cannot be \"soon\"", wrongType.Message);
    }

    [IPv6Fact]
    public async Task IPv6_loopback_literals_connect()
    {
        await using var bench = SocketBench.Start(new IPEndPoint(IPAddress.IPv6Loopback, 0));
        Assert.StartsWith("TCPIP0::[::1]::", bench.Server.ResourceName);

        var session = bench.Open();

        Assert.Equal(TestDevice.Identity + "\n", bench.Query(session, "*IDN?"));
        Assert.Equal("::1", bench.Library.GetAttribute(session, VisaAttribute.TcpipAddress));
    }
}
