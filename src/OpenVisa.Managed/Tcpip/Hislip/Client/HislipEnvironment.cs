using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>
/// The secure-connection settings of <c>@managed</c> HiSLIP sessions, read from the environment because a resource
/// name has no room for them: <c>OPENVISA_HISLIP_ENCRYPTION</c>, <c>OPENVISA_HISLIP_CA</c>,
/// <c>OPENVISA_HISLIP_USER</c>, <c>OPENVISA_HISLIP_PASSWORD</c>.
/// </summary>
public static class HislipEnvironment
{
    /// <summary><c>required</c>, <c>off</c> or <c>when-required</c> (the default).</summary>
    public const string EncryptionVariable = "OPENVISA_HISLIP_ENCRYPTION";

    /// <summary>A certificate file (PEM, possibly several certificates, or DER) trusted besides the system's roots.</summary>
    public const string TrustedCertificatesVariable = "OPENVISA_HISLIP_CA";

    /// <summary>The SASL PLAIN user name.</summary>
    public const string UserVariable = "OPENVISA_HISLIP_USER";

    /// <summary>The SASL PLAIN password.</summary>
    public const string PasswordVariable = "OPENVISA_HISLIP_PASSWORD";

    /// <summary>Returns <paramref name="options"/> with the environment's settings filled in (ones the options already set stay).</summary>
    /// <exception cref="VisaException"><see cref="StatusCode.ErrorInvalidSetup"/> for a setting that cannot be used, naming the variable.</exception>
    public static HislipClientOptions Apply(HislipClientOptions options) => Apply(options, Environment.GetEnvironmentVariable);

    /// <summary>As <see cref="Apply(HislipClientOptions)"/>, reading variables through <paramref name="variables"/>.</summary>
    public static HislipClientOptions Apply(HislipClientOptions options, Func<string, string?> variables)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(variables);
        var encryption = options.Encryption;
        if (variables(EncryptionVariable) is { Length: > 0 } mode)
        {
            encryption = mode.Trim().ToLowerInvariant() switch
            {
                "required" or "on" or "true" or "1" => HislipEncryptionMode.Required,
                "off" or "false" or "0" => HislipEncryptionMode.Off,
                "when-required" or "auto" => HislipEncryptionMode.WhenRequired,
                _ => throw Invalid($"{EncryptionVariable}=\"{mode}\" is not a choice; use required, off or when-required."),
            };
        }
        var trusted = options.TrustedCertificates;
        if (trusted is null && variables(TrustedCertificatesVariable) is { Length: > 0 } path)
            trusted = LoadTrusted(path);
        var credential = options.Credential;
        var user = variables(UserVariable);
        if (credential is null && !string.IsNullOrEmpty(user))
            credential = new NetworkCredential(user, variables(PasswordVariable) ?? "");
        return new HislipClientOptions
        {
            SubAddress = options.SubAddress,
            Version = options.Version,
            VendorId = options.VendorId,
            MaxMessageSize = options.MaxMessageSize,
            Overlapped = options.Overlapped,
            OpenTimeout = options.OpenTimeout,
            TimeoutMilliseconds = options.TimeoutMilliseconds,
            Encryption = encryption,
            Credential = credential,
            TargetHost = options.TargetHost,
            TrustedCertificates = trusted,
            ServerCertificateValidation = options.ServerCertificateValidation,
            Logger = options.Logger,
        };
    }

    private static X509Certificate2Collection LoadTrusted(string path)
    {
        if (!File.Exists(path))
            throw Invalid($"{TrustedCertificatesVariable}=\"{path}\" names no file.");
        var certificates = new X509Certificate2Collection();
        try
        {
            var text = File.ReadAllText(path);
            if (text.Contains("-----BEGIN CERTIFICATE-----", StringComparison.Ordinal))
                certificates.ImportFromPem(text);
            else
                certificates.Add(X509CertificateLoader.LoadCertificateFromFile(path));
        }
        catch (CryptographicException e)
        {
            throw Invalid($"{TrustedCertificatesVariable}=\"{path}\" holds no certificate that can be read ({e.Message}); give a PEM or DER certificate file.");
        }
        return certificates.Count > 0 ? certificates : throw Invalid($"{TrustedCertificatesVariable}=\"{path}\" holds no certificate.");
    }

    private static VisaException Invalid(string detail) => new(StatusCode.ErrorInvalidSetup, detail, "Open");
}
