
namespace OpenVisa.Tests.Resources;

public class ResourceManagerTests
{
    [Fact]
    public void Open_returns_the_type_that_suits_the_resource_class()
    {
        using var rm = ScriptedLibrary.Manager(nameof(Open_returns_the_type_that_suits_the_resource_class));
        Assert.IsType<TcpipSocketResource>(rm.Open(ScriptedLibrary.SocketName));
        Assert.IsType<TcpipInstrResource>(rm.Open(ScriptedLibrary.InstrName));
        Assert.Equal(2, rm.OpenedResources.Count);
    }

    [Fact]
    public void Open_of_the_wrong_type_says_what_it_opens_as_and_closes_it()
    {
        using var rm = ScriptedLibrary.Manager(nameof(Open_of_the_wrong_type_says_what_it_opens_as_and_closes_it));
        var e = Assert.Throws<VisaException>(() => rm.Open<SerialResource>(ScriptedLibrary.SocketName));
        Assert.Contains("opens as TcpipSocketResource, not SerialResource", e.Message, StringComparison.Ordinal);
        Assert.Empty(rm.OpenedResources);
    }

    [Fact]
    public void A_failed_open_names_the_resource()
    {
        using var rm = ScriptedLibrary.Manager(nameof(A_failed_open_names_the_resource));
        var e = Assert.Throws<VisaException>(() => rm.Open("TCPIP0::absent::5025::SOCKET"));
        Assert.Equal(StatusCode.ErrorResourceNotFound, e.Status);
        Assert.Contains("TCPIP0::absent::5025::SOCKET", e.Message, StringComparison.Ordinal);
        Assert.Equal(StatusCode.ErrorResourceNotFound, rm.LastStatus);
    }

    [Fact]
    public void Two_managers_on_one_backend_close_only_their_own_resources()
    {
        ScriptedLibrary.EnsureRegistered();
        var spec = nameof(Two_managers_on_one_backend_close_only_their_own_resources) + "@scripted";
        using var first = new ResourceManager(spec);
        using var second = new ResourceManager(spec);
        Assert.Same(first.Library, second.Library);
        var mine = first.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
        var theirs = second.Open<MessageBasedResource>(ScriptedLibrary.SocketName);
        second.Close();
        Assert.True(theirs.IsClosed);
        Assert.False(mine.IsClosed);
        Assert.Equal("Scripted,Device,0,1.0", mine.Query("*IDN?"));
        Assert.Equal(1, ((ScriptedLibrary)first.Library).OpenSessionCount);
    }

    [Fact]
    public void A_closed_manager_refuses_work_with_a_reason()
    {
        var rm = ScriptedLibrary.Manager(nameof(A_closed_manager_refuses_work_with_a_reason));
        rm.Dispose();
        rm.Dispose();
        var e = Assert.Throws<VisaException>(() => rm.ListResources());
        Assert.Contains("resource manager is closed", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ListResources_filters_with_the_query_and_ListResourcesInfo_parses_each()
    {
        using var rm = ScriptedLibrary.Manager(nameof(ListResources_filters_with_the_query_and_ListResourcesInfo_parses_each));
        Assert.Equal([ScriptedLibrary.InstrName], rm.ListResources());
        Assert.Equal([ScriptedLibrary.InstrName, ScriptedLibrary.SocketName], rm.ListResources("?*"));
        var info = rm.ListResourcesInfo("?*SOCKET");
        Assert.Equal("SOCKET", Assert.Single(info).Value.ResourceClass);
        Assert.Equal(InterfaceType.Tcpip, info[ScriptedLibrary.SocketName].InterfaceType);
    }

    [Fact]
    public async Task Disposing_asynchronously_closes_what_the_manager_opened()
    {
        var rm = ScriptedLibrary.Manager(nameof(Disposing_asynchronously_closes_what_the_manager_opened));
        var res = rm.Open(ScriptedLibrary.SocketName);
        await rm.DisposeAsync();
        Assert.True(res.IsClosed);
    }
}
