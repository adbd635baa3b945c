namespace OpenVisa.Lamb;

/// <summary>
/// Where the Lamb server is: the spec's argument (<c>http://host:8000@lamb</c>), else <c>LAMB_SERVER</c>, else
/// <c>PYTESTLAB_LAMB_URL</c> (PyTestLab's variables), else <c>http://localhost:8000</c>.
/// </summary>
public static class LambServerUrl
{
    /// <summary>The variable PyTestLab's CLI reads first.</summary>
    public const string ServerVariable = "LAMB_SERVER";

    /// <summary>The variable PyTestLab reads next.</summary>
    public const string PyTestLabVariable = "PYTESTLAB_LAMB_URL";

    /// <summary>Where Lamb listens when nothing says otherwise.</summary>
    public const string Default = "http://localhost:8000";

    /// <summary>The server's base URL for <paramref name="argument"/>, without a trailing slash.</summary>
    /// <exception cref="VisaException"><see cref="StatusCode.ErrorInvalidSetup"/> when the URL is not an absolute http or https URL.</exception>
    public static Uri Resolve(string? argument)
    {
        var (text, from) = !string.IsNullOrWhiteSpace(argument) ? (argument.Trim(), "the backend spec")
            : Environment.GetEnvironmentVariable(ServerVariable) is { Length: > 0 } server ? (server.Trim(), ServerVariable)
            : Environment.GetEnvironmentVariable(PyTestLabVariable) is { Length: > 0 } pytestlab ? (pytestlab.Trim(), PyTestLabVariable)
            : (Default, "the default");
        if (!text.Contains("://", StringComparison.Ordinal))
            text = "http://" + text;
        if (!Uri.TryCreate(text.TrimEnd('/'), UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https") || url.Host.Length == 0)
        {
            throw new VisaException(StatusCode.ErrorInvalidSetup,
                $"\"{text}\" (from {from}) is not a Lamb server URL; give one such as http://127.0.0.1:8000@lamb.", "ResourceManager");
        }
        return url;
    }
}
