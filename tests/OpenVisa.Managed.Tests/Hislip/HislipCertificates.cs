using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpenVisa.Managed.Tests.Hislip;

/// <summary>Self-signed certificates made in the test process (no external tools).</summary>
internal static class HislipCertificates
{
    private static readonly Lazy<X509Certificate2> LocalhostCertificate = new(() => Create("localhost", DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(30)));

    /// <summary>A certificate for <c>localhost</c> and 127.0.0.1, with its private key.</summary>
    public static X509Certificate2 Localhost => LocalhostCertificate.Value;

    /// <summary>The public part of <see cref="Localhost"/>, as a client trusts it.</summary>
    public static X509Certificate2Collection TrustLocalhost => [X509CertificateLoader.LoadCertificate(Localhost.RawData)];

    public static X509Certificate2 Create(string name, DateTimeOffset notBefore, DateTimeOffset notAfter)
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddDnsName(name);
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        request.CertificateExtensions.Add(new X509KeyUsageExtension(X509KeyUsageFlags.DigitalSignature | X509KeyUsageFlags.KeyCertSign, false));
        request.CertificateExtensions.Add(new X509EnhancedKeyUsageExtension([new Oid("1.3.6.1.5.5.7.3.1")], false));
        using var certificate = request.CreateSelfSigned(notBefore, notAfter);
        // Round-trip through PKCS#12 so the key is usable by the TLS stack on every platform.
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
