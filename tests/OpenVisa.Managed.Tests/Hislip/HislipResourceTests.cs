using System.Security.Cryptography.X509Certificates;
using OpenVisa.Managed.Tcpip.Hislip;

namespace OpenVisa.Managed.Tests.Hislip;

/// <summary>HiSLIP through the front end: <c>new ResourceManager("@managed").Open("TCPIP::…::hislip0,port::INSTR")</c>.</summary>
[Collection(HislipEnvironmentCollection.Name)]
public sealed class HislipResourceTests
{
    [Fact]
    public async Task A_hislip_name_opens_a_TCPIP_INSTR_resource_that_queries()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var rm = new ResourceManager("@managed");

        using var resource = (TcpipInstrResource)rm.Open(fixture.Server.ResourceNameOf("hislip0"));

        Assert.True(resource.IsHislip);
        Assert.Equal("hislip0", resource.DeviceName);
        Assert.Equal("127.0.0.1", resource.Address);
        Assert.Equal((ushort)fixture.Port, resource.GetAttribute<ushort>(VisaAttribute.TcpipPort));
        Assert.Equal(HislipVersion.V2_0.ToVisaVersion(), Convert.ToUInt32(resource.GetAttribute(VisaAttribute.TcpipHislipVersion)));
        Assert.False(resource.GetAttribute<bool>(VisaAttribute.SuppressEndEnabled));
        Assert.Equal(HislipTestInstrument.Identity + "\n", resource.Query("*IDN?"));
        Assert.Equal(["*IDN?"], fixture.Instrument.Commands);
    }

    [Fact]
    public async Task Status_byte_trigger_clear_and_remote_local_work_through_the_resource()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var rm = new ResourceManager("@managed");
        using var resource = (TcpipInstrResource)rm.Open(fixture.Server.ResourceNameOf("hislip0"));
        fixture.Instrument.StatusByte = 0x20;

        Assert.Equal(0x20, resource.ReadStb());
        resource.AssertTrigger();
        Assert.Equal("sync\n", resource.Query("ECHO? sync")); // the trigger is done before the clear, which would drop it
        resource.Clear();
        resource.ControlRen(RenMode.AssertAddressLocalLockout);

        Assert.Equal(1, fixture.Instrument.Triggers);
        Assert.Equal(1, fixture.Instrument.Clears);
        Assert.Equal([RenMode.AssertAddressLocalLockout], fixture.Instrument.RemoteModes);
        var error = Assert.Throws<VisaException>(() => resource.AssertTrigger(TriggerProtocol.Sync));
        Assert.Equal(StatusCode.ErrorInvalidProtocol, error.Status);
    }

    [Fact]
    public async Task Locks_through_resources_keep_another_resource_out()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var rm = new ResourceManager("@managed");
        using var owner = rm.Open(fixture.Server.ResourceNameOf("hislip0"));
        using var other = rm.Open(fixture.Server.ResourceNameOf("hislip0"));

        owner.LockExclusive(TimeSpan.Zero);
        var error = Assert.Throws<VisaException>(() => other.LockExclusive(TimeSpan.FromMilliseconds(200)));
        Assert.Equal(StatusCode.ErrorTimeout, error.Status);
        owner.Unlock();
        var key = other.Lock(TimeSpan.FromSeconds(1), "bench");

        Assert.Equal("bench", key);
        Assert.Equal("bench", owner.Lock(TimeSpan.FromSeconds(1), "bench"));
    }

    [Fact]
    public async Task Overlapped_mode_and_message_size_are_attributes()
    {
        await using var fixture = await HislipFixture.StartAsync();
        using var rm = new ResourceManager("@managed");
        using var resource = (TcpipInstrResource)rm.Open(fixture.Server.ResourceNameOf("hislip1"));
        Assert.False(resource.HislipOverlapEnabled);

        resource.HislipOverlapEnabled = true;
        resource.SetAttribute(VisaAttribute.TcpipHislipMaxMessageKB, 4u);
        resource.Write("BLOCK? 20000");

        Assert.True(resource.HislipOverlapEnabled);
        Assert.Equal(4u, resource.GetAttribute<uint>(VisaAttribute.TcpipHislipMaxMessageKB));
        Assert.Equal([.. HislipTestInstrument.Pattern(20000), (byte)'\n'], resource.ReadRaw());
    }

    [Fact]
    public async Task A_VXI_11_name_goes_to_VXI_11_not_HiSLIP()
    {
        using var rm = new ResourceManager("@managed");
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        var port = ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = Assert.Throws<VisaException>(() => rm.Open($"TCPIP::127.0.0.1,{port}::inst0::INSTR"));

        Assert.Equal(StatusCode.ErrorResourceNotFound, error.Status);
        Assert.Contains("VXI-11 core channel", error.Message);
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Nothing_listening_on_the_hislip_port_is_resource_not_found()
    {
        await using var fixture = await HislipFixture.StartAsync();
        var port = fixture.Port;
        await fixture.Server.StopAsync();
        using var rm = new ResourceManager("@managed");

        var error = Assert.Throws<VisaException>(() => rm.Open($"TCPIP::127.0.0.1::hislip0,{port}::INSTR"));

        Assert.Equal(StatusCode.ErrorResourceNotFound, error.Status);
        Assert.Contains($"Connection refused by 127.0.0.1:{port}: is the instrument serving HiSLIP on that port?", error.Message);
    }

    [Fact]
    public async Task TLS_starts_from_the_encryption_attribute_with_trust_and_credentials_from_the_environment()
    {
        await using var fixture = await HislipFixture.StartAsync(new HislipServerOptions
        {
            Certificate = HislipCertificates.Localhost,
            Credentials = new Dictionary<string, string> { ["op"] = "pw" },
        });
        var ca = Path.GetTempFileName();
        File.WriteAllText(ca, HislipCertificates.Localhost.ExportCertificatePem());
        try
        {
            Environment.SetEnvironmentVariable(HislipEnvironment.TrustedCertificatesVariable, ca);
            Environment.SetEnvironmentVariable(HislipEnvironment.UserVariable, "op");
            Environment.SetEnvironmentVariable(HislipEnvironment.PasswordVariable, "pw");
            using var rm = new ResourceManager("@managed");
            using var resource = (MessageBasedResource)rm.Open(fixture.Server.ResourceNameOf("hislip0"), openTimeout: TimeSpan.FromSeconds(20));
            resource.Timeout = TimeSpan.FromSeconds(20);

            resource.SetAttribute(VisaAttribute.TcpipHislipEncryptionEnabled, true);

            Assert.True(resource.GetAttribute<bool>(VisaAttribute.TcpipHislipEncryptionEnabled));
            Assert.Equal("PLAIN", resource.GetAttribute<string>(VisaAttribute.TcpipSaslMechanism));
            Assert.Contains("CN=localhost", resource.GetAttribute<string>(VisaAttribute.TcpipServerCertSubjectName));
            Assert.Equal(HislipTestInstrument.Identity + "\n", resource.Query("*IDN?"));
            var off = Assert.Throws<VisaException>(() => resource.SetAttribute(VisaAttribute.TcpipHislipEncryptionEnabled, false));
            Assert.Contains("only available asynchronously", off.Message);
        }
        finally
        {
            Environment.SetEnvironmentVariable(HislipEnvironment.TrustedCertificatesVariable, null);
            Environment.SetEnvironmentVariable(HislipEnvironment.UserVariable, null);
            Environment.SetEnvironmentVariable(HislipEnvironment.PasswordVariable, null);
            File.Delete(ca);
        }
    }

    [Fact]
    public void Environment_settings_fill_in_client_options_and_bad_ones_say_which_variable()
    {
        var ca = Path.GetTempFileName();
        File.WriteAllBytes(ca, HislipCertificates.Localhost.Export(X509ContentType.Cert));
        try
        {
            var variables = new Dictionary<string, string>
            {
                [HislipEnvironment.EncryptionVariable] = "required",
                [HislipEnvironment.TrustedCertificatesVariable] = ca,
                [HislipEnvironment.UserVariable] = "alice",
            };
            var options = HislipEnvironment.Apply(new HislipClientOptions { SubAddress = "hislip3" }, n => variables.GetValueOrDefault(n));

            Assert.Equal(("hislip3", HislipEncryptionMode.Required, "alice", ""), (options.SubAddress, options.Encryption, options.Credential!.UserName, options.Credential.Password));
            Assert.Single(options.TrustedCertificates!);

            variables[HislipEnvironment.EncryptionVariable] = "maybe";
            var mode = Assert.Throws<VisaException>(() => HislipEnvironment.Apply(new HislipClientOptions(), n => variables.GetValueOrDefault(n)));
            Assert.Contains("OPENVISA_HISLIP_ENCRYPTION=\"maybe\" is not a choice", mode.Message);

            variables[HislipEnvironment.EncryptionVariable] = "off";
            variables[HislipEnvironment.TrustedCertificatesVariable] = ca + ".missing";
            var file = Assert.Throws<VisaException>(() => HislipEnvironment.Apply(new HislipClientOptions(), n => variables.GetValueOrDefault(n)));
            Assert.Equal(StatusCode.ErrorInvalidSetup, file.Status);
            Assert.Contains("OPENVISA_HISLIP_CA=", file.Message);
            Assert.Contains("names no file", file.Message);
        }
        finally
        {
            File.Delete(ca);
        }
    }
}

/// <summary>Tests that set process-wide environment variables run one at a time.</summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class HislipEnvironmentCollection
{
    public const string Name = "HiSLIP environment";
}
