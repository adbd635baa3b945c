using System.CommandLine;
using System.Globalization;
using System.Text;

namespace OpenVisa.Cli.Commands;

/// <summary>
/// The options every I/O command shares: timeout and terminations, with <c>\n</c>-style escapes, and any attribute by its
/// VISA name (<c>--attribute VI_ATTR_ASRL_BAUD=115200</c>, repeatable), applied last so it wins.
/// </summary>
internal sealed class IoOptions
{
    public Option<int?> Timeout { get; } = new("--timeout")
    {
        Description = "I/O timeout in milliseconds (-1 waits forever)",
        CustomParser = TimeoutOption.Parse,
    };

    public Option<string?> ReadTermination { get; } = new("--read-termination") { Description = "Read termination, e.g. \\n or \\r\\n" };

    public Option<string?> WriteTermination { get; } = new("--write-termination") { Description = "Write termination, e.g. \\n or \\r\\n" };

    public Option<string[]> Attributes { get; } = new("--attribute")
    {
        Description = "Set an attribute before the I/O, as NAME=VALUE (e.g. VI_ATTR_ASRL_BAUD=115200, VI_ATTR_ASRL_PARITY=even); repeat for several",
    };

    public void AddTo(Command command)
    {
        command.Options.Add(Timeout);
        command.Options.Add(ReadTermination);
        command.Options.Add(WriteTermination);
        command.Options.Add(Attributes);
    }

    /// <summary>Opens <paramref name="name"/> as a message-based resource and applies the options given.</summary>
    public MessageBasedResource Open(ResourceManager manager, string name, ParseResult parsed)
    {
        MessageBasedResource? resource;
        try
        {
            resource = manager.Open(name) as MessageBasedResource;
        }
        catch (VisaException e) when (e.Status == StatusCode.ErrorResourceNotFound && ResourceNameHint.Nearest(manager, name) is { } nearest)
        {
            throw new VisaException(e.Status, $"{e.Detail} Did you mean {nearest}?".TrimStart(), e.Operation ?? "Open", e.ResourceName ?? name, e);
        }
        if (resource is null)
            throw new UsageException($"{name} is not a message-based resource, so it cannot be written to or read from.");
        Apply(resource, parsed);
        return resource;
    }

    public void Apply(MessageBasedResource resource, ParseResult parsed)
    {
        if (parsed.GetValue(Timeout) is { } milliseconds)
            resource.Timeout = milliseconds < 0 ? System.Threading.Timeout.InfiniteTimeSpan : TimeSpan.FromMilliseconds(milliseconds);
        if (parsed.GetValue(ReadTermination) is { } read)
            resource.ReadTermination = Unescape(read);
        if (parsed.GetValue(WriteTermination) is { } write)
            resource.WriteTermination = Unescape(write);
        foreach (var (attribute, value) in ParseAttributes(parsed.GetValue(Attributes) ?? []))
            resource.SetAttribute(attribute, value);
    }

    /// <summary>
    /// The <c>--attribute NAME=VALUE</c> settings, names and values as the shell's <c>attr</c> takes them; a bad name or
    /// value is bad usage (exit 2), while a value the resource refuses is a VISA error from SetAttribute (exit 1).
    /// </summary>
    public static IReadOnlyList<(VisaAttribute Attribute, object Value)> ParseAttributes(IEnumerable<string> settings)
    {
        var result = new List<(VisaAttribute, object)>();
        foreach (var setting in settings)
        {
            var equals = setting.IndexOf('=', StringComparison.Ordinal);
            if (equals <= 0)
                throw new UsageException($"--attribute \"{setting}\" is not NAME=VALUE; e.g. --attribute VI_ATTR_ASRL_BAUD=115200");
            var name = setting[..equals].Trim();
            if (!VisaAttributes.TryParse(name, out var attribute))
                throw new UsageException($"--attribute: unknown attribute '{name}'; use a VISA name such as VI_ATTR_TMO_VALUE or VI_ATTR_ASRL_BAUD");
            try
            {
                result.Add((attribute, VisaAttributes.Convert(attribute, setting[(equals + 1)..].Trim())));
            }
            catch (VisaException e)
            {
                throw new UsageException($"--attribute {name}: {e.Message}");
            }
        }
        return result;
    }

    /// <summary>Turns <c>\n</c>, <c>\r</c>, <c>\t</c>, <c>\0</c>, <c>\\</c> and <c>\xHH</c> into the characters they stand for.</summary>
    public static string Unescape(string text)
    {
        var result = new StringBuilder(text.Length);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] != '\\' || i == text.Length - 1)
            {
                result.Append(text[i]);
                continue;
            }
            var next = text[++i];
            switch (next)
            {
                case 'n': result.Append('\n'); break;
                case 'r': result.Append('\r'); break;
                case 't': result.Append('\t'); break;
                case '0': result.Append('\0'); break;
                case '\\': result.Append('\\'); break;
                case 'x' when i + 2 < text.Length && byte.TryParse(text.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var code):
                    result.Append((char)code);
                    i += 2;
                    break;
                default:
                    throw new UsageException($"unknown escape '\\{next}' in '{text}'; use \\n, \\r, \\t, \\0, \\\\ or \\xHH");
            }
        }
        return result.ToString();
    }
}
