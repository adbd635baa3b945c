using OpenVisa.Sim.Expressions;
using OpenVisa.Sim.Yaml;

namespace OpenVisa.Sim.Profiles;

/// <summary>Where a value comes from: a fixed value, text with <c>$1</c>/<c>$name</c> references, or an expression.</summary>
internal sealed class ValueSource
{
    private ValueSource(ExprValue? fixedValue, string? template, ExprNode? expression, string text)
    {
        Fixed = fixedValue;
        Template = template;
        Expression = expression;
        Text = text;
    }

    public ExprValue? Fixed { get; }

    public string? Template { get; }

    public ExprNode? Expression { get; }

    /// <summary>The source as written, for listings.</summary>
    public string Text { get; }

    public static ValueSource Of(ExprValue value) => new(value, null, null, value.ToString());

    public static ValueSource OfTemplate(string template) => new(null, template, null, template);

    public static ValueSource OfExpression(ExprNode expression, string text) => new(null, null, expression, text);

    /// <summary>The value: fixed values copied, templates substituted (text), expressions evaluated.</summary>
    public ExprValue Evaluate(ExprScope scope)
    {
        if (Fixed is { } value)
            return value.DeepCopy();
        if (Expression is not null)
            return Expression.Evaluate(scope);
        return ExprValue.Str(Substitute(Template!, scope));
    }

    /// <summary>Replaces <c>$1</c>…<c>$9</c> and <c>$name</c> with the captured texts ("" for a group that did not take part).</summary>
    public static string Substitute(string template, ExprScope scope)
    {
        if (!template.Contains('$', StringComparison.Ordinal))
            return template;
        var builder = new System.Text.StringBuilder(template.Length + 16);
        for (var i = 0; i < template.Length; i++)
        {
            var c = template[i];
            if (c != '$' || i + 1 >= template.Length || !(char.IsAsciiLetterOrDigit(template[i + 1]) || template[i + 1] == '_'))
            {
                builder.Append(c);
                continue;
            }
            var start = i + 1;
            var end = start;
            if (char.IsAsciiDigit(template[start]))
            {
                while (end < template.Length && char.IsAsciiDigit(template[end]))
                    end++;
            }
            else
            {
                while (end < template.Length && (char.IsAsciiLetterOrDigit(template[end]) || template[end] == '_'))
                    end++;
            }
            var name = template[start..end];
            if (char.IsAsciiDigit(name[0]) ? int.Parse(name, System.Globalization.CultureInfo.InvariantCulture) <= scope.Groups.Count : scope.NamedGroups?.ContainsKey(name) == true)
            {
                builder.Append(scope.Capture(name));
                i = end - 1;
            }
            else
            {
                builder.Append(c);
            }
        }
        return builder.ToString();
    }
}

/// <summary>
/// A state path such as <c>channels.CH$1.scale</c> or <c>ch{state.selected}.voltage</c>: <c>{expression}</c> parts are
/// evaluated as in an f-string, then <c>$1</c>/<c>$name</c> are replaced by captured groups.
/// </summary>
internal sealed class PathTemplate(string text, ExprNode? template)
{
    public string Text { get; } = text;

    public string Resolve(ExprScope scope) =>
        ValueSource.Substitute(template is null ? Text : template.Evaluate(scope).ToString(), scope);
}

/// <summary>A binary reply: a file's bytes, or samples computed by a formula, optionally framed as an IEEE 488.2 block.</summary>
internal sealed record BinarySpec(string? FilePath, byte[]? FileBytes, ValueSource? Points, string DataType, bool BigEndian, ExprNode? Formula, string? FormulaText, bool Block);

/// <summary>What a profile entry does when its key matches.</summary>
internal sealed class ProfileAction
{
    /// <summary>A reply: static text (with <c>$1</c>), an expression, or a lambda.</summary>
    public ValueSource? Response { get; init; }

    /// <summary>A state path to reply with (<c>get: channels.CH$1.scale</c>).</summary>
    public PathTemplate? Get { get; init; }

    public BinarySpec? Binary { get; init; }

    public ValueSource? Delay { get; init; }

    /// <summary>State assignments (<c>set:</c> and the list form); the empty key resets the state.</summary>
    public List<(PathTemplate Path, ValueSource Value)> Sets { get; } = [];

    public List<(PathTemplate Path, ValueSource Amount)> Increments { get; } = [];

    public List<(PathTemplate Path, ValueSource Amount)> Decrements { get; } = [];

    /// <summary>True when the entry says anything about the reply (so a query gets one, even if empty).</summary>
    public bool Replies => Response is not null || Get is not null || Binary is not null;
}

/// <summary>One entry of a profile's <c>scpi:</c> map.</summary>
internal sealed record ProfileRule(string Key, SourceMark Mark, LiteralCommand? Literal, CommandPattern? Pattern, ProfileAction Action);

/// <summary>One entry of a profile's <c>errors:</c> list: when the command matches and the condition holds, push (code, message).</summary>
internal sealed record ErrorRule(CommandPattern Pattern, ExprNode? Condition, int Code, string Message, SourceMark Mark);

/// <summary>A PyTestLab-style profile's <c>simulation:</c> section.</summary>
internal sealed class ProfileDefinition(string name, string file, SourceMark mark)
{
    public string Name { get; } = name;

    public string File { get; } = file;

    public SourceMark Mark { get; } = mark;

    public string? Identification { get; set; }

    public StateMap InitialState { get; set; } = new();

    public List<ProfileRule> Rules { get; } = [];

    public List<ErrorRule> Errors { get; } = [];

    public long? Seed { get; set; }

    /// <summary>The address the profile names, when it is a resource name.</summary>
    public string? Address { get; set; }
}
