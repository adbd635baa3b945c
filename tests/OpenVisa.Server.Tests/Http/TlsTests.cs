using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using OpenVisa.Server.Http;

namespace OpenVisa.Server.Tests.Http;

/// <summary>The HTTP API over TLS with the server's own certificate.</summary>
public sealed class TlsTests
{
    [Fact]
    public async Task With_a_certificate_the_API_speaks_HTTPS_only()
    {
        using var certificate = SelfSigned();
        await using var server = new HttpInstrumentServer([new("DEMO0::INSTR", new DemoInstrument())], IPAddress.Loopback, new HttpServerOptions { Certificate = certificate });
        await server.StartAsync();
        Assert.StartsWith("https://127.0.0.1:", server.Url);
        using var handler = new HttpClientHandler
        {
            // Trust exactly this certificate, as a client given the server's certificate file would.
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        };
        using var client = new HttpClient(handler) { BaseAddress = new Uri(server.Url), Timeout = TimeSpan.FromSeconds(60) };
        using var response = await client.PostAsync("/instrument/query", new StringContent(HttpTestServer.Command("DEMO0::INSTR", "ECHO? over tls")));
        Assert.Equal("over tls", await response.Content.ReadAsStringAsync());
        using var plain = new HttpClient { Timeout = TimeSpan.FromSeconds(60) };
        await Assert.ThrowsAsync<HttpRequestException>(() => plain.GetAsync(server.Url.Replace("https://", "http://", StringComparison.Ordinal) + "/list_resources"));
    }

    private static X509Certificate2 SelfSigned()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=127.0.0.1", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        using var made = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(made.Export(X509ContentType.Pfx), null);
    }
}
