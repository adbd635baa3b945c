using System.Text.Encodings.Web;
using System.Text.Json;

namespace OpenVisa.Cli;

/// <summary>What every command needs: where to write, whether to write JSON, and which backend to use.</summary>
public sealed class CliContext(TextWriter output, TextWriter error, TextReader input)
{
    /// <summary>JSON as the CLI contract fixes it: camelCase keys, indented, no needless escaping.</summary>
    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        DictionaryKeyPolicy = null,
        WriteIndented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull,
    };

    /// <summary>Standard output.</summary>
    public TextWriter Out { get; } = output;

    /// <summary>Standard error.</summary>
    public TextWriter Error { get; } = error;

    /// <summary>Standard input.</summary>
    public TextReader In { get; } = input;

    /// <summary>True when <c>--json</c> was given.</summary>
    public bool Json { get; set; }

    /// <summary>
    /// True when stdout and stderr are both a terminal (a person is watching): long operations then show a status line on
    /// stderr. <see cref="Program"/> sets it; output captured by a script or a test has none.
    /// </summary>
    public bool IsTerminal { get; init; }

    /// <summary>The <c>--backend</c> spec, or empty for the default.</summary>
    public string Backend { get; set; } = "";

    /// <summary>
    /// Opens the <c>--backend</c> spec. A backend file that cannot be read or has errors (a simulator file) is bad
    /// input, exit 2, not an instrument failure.
    /// </summary>
    public ResourceManager OpenManager()
    {
        try
        {
            return new ResourceManager(Backend);
        }
        catch (VisaException e) when (e.Status is StatusCode.ErrorFileAccess or StatusCode.ErrorInvalidSetup)
        {
            throw new UsageException(e.Message.ReplaceLineEndings(" "));
        }
    }

    /// <summary>Writes <paramref name="value"/> as one JSON document on standard output.</summary>
    public void WriteJson<T>(T value) => Out.WriteLine(JsonSerializer.Serialize(value, JsonOptions));

    /// <summary>
    /// Prints an instrument's reply on its own line. On a resource with no read termination (VXI-11, HiSLIP, USB, GPIB
    /// mark message ends with END) the reply still ends with the newline the instrument sent; one is dropped, so the
    /// output is not followed by an empty line. JSON output keeps the reply exactly as read.
    /// </summary>
    public void WriteReply(string reply)
    {
        var end = reply.EndsWith("\r\n", StringComparison.Ordinal) ? 2 : reply.EndsWith('\n') ? 1 : 0;
        Out.WriteLine(reply.AsSpan(0, reply.Length - end));
    }
}
