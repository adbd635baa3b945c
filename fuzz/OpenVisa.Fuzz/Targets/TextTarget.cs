using System.Text;

namespace OpenVisa.Fuzz.Targets;

/// <summary>A target whose inputs are text: seeds and tokens are given as strings, inputs decoded as UTF-8.</summary>
public abstract class TextTarget : FuzzTarget
{
    private IReadOnlyList<byte[]>? _seeds;
    private IReadOnlyList<byte[]>? _tokens;

    /// <inheritdoc/>
    public sealed override IReadOnlyList<byte[]> Seeds => _seeds ??= [.. SeedTexts().Select(Encoding.UTF8.GetBytes)];

    /// <inheritdoc/>
    public sealed override IReadOnlyList<byte[]> Tokens => _tokens ??= [.. TokenTexts.Select(Encoding.UTF8.GetBytes)];

    /// <summary>The seeds as text.</summary>
    protected abstract IEnumerable<string> SeedTexts();

    /// <summary>The tokens as text.</summary>
    protected virtual IEnumerable<string> TokenTexts => [];

    /// <inheritdoc/>
    public sealed override void Run(byte[] input) => Run(Encoding.UTF8.GetString(input));

    /// <summary>Feeds one text input.</summary>
    protected abstract void Run(string text);

    /// <summary>The exception a target throws when a decoder broke one of its own promises on an input it accepted.</summary>
    protected static Exception Broken(string promise) => new FuzzPropertyException(promise);
}

/// <summary>A decoder accepted an input but broke a promise about it (e.g. a parsed name does not parse again).</summary>
public sealed class FuzzPropertyException(string message) : Exception(message);
