namespace OpenVisa.Lamb.Tests;

/// <summary>Where @lamb looks for its server. Tests that set variables share one class, so they never run at once.</summary>
public sealed class LambServerUrlTests
{
    [Fact]
    public void The_argument_wins_then_LAMB_SERVER_then_PYTESTLAB_LAMB_URL_then_localhost()
    {
        var saved = (Environment.GetEnvironmentVariable("LAMB_SERVER"), Environment.GetEnvironmentVariable("PYTESTLAB_LAMB_URL"));
        try
        {
            Environment.SetEnvironmentVariable("LAMB_SERVER", "http://lamb-a:8001");
            Environment.SetEnvironmentVariable("PYTESTLAB_LAMB_URL", "http://lamb-b:8002");
            Assert.Equal(new Uri("http://127.0.0.1:9000"), LambServerUrl.Resolve("http://127.0.0.1:9000/"));
            Assert.Equal(new Uri("http://lamb-a:8001"), LambServerUrl.Resolve(""));
            Environment.SetEnvironmentVariable("LAMB_SERVER", null);
            Assert.Equal(new Uri("http://lamb-b:8002"), LambServerUrl.Resolve(null));
            Environment.SetEnvironmentVariable("PYTESTLAB_LAMB_URL", null);
            Assert.Equal(new Uri("http://localhost:8000"), LambServerUrl.Resolve("  "));
        }
        finally
        {
            Environment.SetEnvironmentVariable("LAMB_SERVER", saved.Item1);
            Environment.SetEnvironmentVariable("PYTESTLAB_LAMB_URL", saved.Item2);
        }
    }

    [Fact]
    public void A_bare_host_and_port_means_http_and_a_bad_URL_says_so()
    {
        Assert.Equal(new Uri("http://lab-pc:8000"), LambServerUrl.Resolve("lab-pc:8000"));
        var e = Assert.Throws<VisaException>(() => LambServerUrl.Resolve("ftp://lab-pc:8000"));
        Assert.Equal(StatusCode.ErrorInvalidSetup, e.Status);
        Assert.Contains("\"ftp://lab-pc:8000\" (from the backend spec) is not a Lamb server URL", e.Message);
    }

    [Theory]
    [InlineData("LAMB::DSOX1204G::INSTR", "DSOX1204G", null)]
    [InlineData("lamb::EDU36311A::CN61130056::INSTR", "EDU36311A", "CN61130056")]
    [InlineData("LAMB::MXR404A", "MXR404A", null)]
    public void LAMB_names_give_model_and_serial(string name, string model, string? serial)
    {
        Assert.True(LambResourceNames.TryParse(name, out var m, out var s));
        Assert.Equal(model, m);
        Assert.Equal(serial, s);
    }

    [Theory]
    [InlineData("TCPIP0::1.2.3.4::INSTR")]
    [InlineData("LAMB::::INSTR")]
    [InlineData("LAMB::A::B::C::INSTR")]
    public void Other_names_are_not_LAMB_names(string name) => Assert.False(LambResourceNames.TryParse(name, out _, out _));
}
