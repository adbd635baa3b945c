namespace OpenVisa.Lamb.Tests;

/// <summary>@lamb against a server that is Lamb, not OpenVisa: the five routes work, the extras say they are missing.</summary>
public sealed class PlainLambTests
{
    [Fact]
    public async Task Lamb_routes_work_and_extras_are_not_supported_saying_why()
    {
        await using var lamb = await PlainLambServer.StartAsync();
        using var rm = new ResourceManager(new LambLibrary(lamb.Url));
        var library = (LambLibrary)rm.Library;
        Assert.False(library.IsOpenVisaServer);
        Assert.Contains(library.GetDebugInfo(), kv => kv.Key == "server" && kv.Value.StartsWith("Lamb (write, query and query_raw only", StringComparison.Ordinal));
        Assert.Equal(["USB0::0x2A8D::0x9007::MY1::INSTR"], rm.ListResources());
        using var inst = rm.Open<MessageBasedResource>("USB0::0x2A8D::0x9007::MY1::INSTR");
        inst.Write("VOLT 1.5");
        Assert.Equal(["VOLT 1.5"], lamb.Commands);
        Assert.Equal("hello"u8.ToArray(), inst.QueryBinaryValues<byte>("WAV:DATA?"));
        var failed = Assert.Throws<VisaException>(() => inst.Query("*IDN?"));
        Assert.Equal(StatusCode.ErrorIO, failed.Status);
        Assert.Contains("answered 500 Internal Server Error to POST /instrument/query_raw: Internal Server Error: VisaIOError VI_ERROR_TMO", failed.Message);
        var clear = Assert.Throws<VisaException>(inst.Clear);
        Assert.Equal(StatusCode.ErrorNonsupportedOperation, clear.Status);
        Assert.Contains("is Lamb, whose API has no device clear (only write, query and query_raw)", clear.Message);
        Assert.Equal(StatusCode.ErrorNonsupportedOperation, Assert.Throws<VisaException>(() => inst.LockExclusive()).Status);
    }
}
