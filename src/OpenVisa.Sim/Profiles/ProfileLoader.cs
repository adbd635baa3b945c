using System.Globalization;
using OpenVisa.Sim.Expressions;
using OpenVisa.Sim.Loading;
using OpenVisa.Sim.Yaml;

namespace OpenVisa.Sim.Profiles;

/// <summary>
/// Reads the <c>simulation:</c> section of a PyTestLab-style profile: <c>initial_state</c>, <c>scpi</c> (static replies,
/// <c>get</c>, <c>set</c>, <c>inc</c>, <c>dec</c>, <c>response</c>, <c>binary</c>, <c>delay</c>, lists of
/// <c>set.x = value</c>) and <c>errors</c>. <c>py:</c> and <c>lambda</c> expressions are parsed by the simulator's own
/// expression language; anything that would need Python is reported here, with its place in the file.
/// </summary>
internal static class ProfileLoader
{
    private static readonly string[] SimulationKeys = ["initial_state", "scpi", "errors", "seed"];
    private static readonly string[] EntryKeys = ["delay", "get", "response", "binary", "set", "inc", "dec"];

    public static ProfileDefinition? Load(YamlMapping root, string file, ProblemList problems, SimPathPolicy? paths = null)
    {
        paths ??= new SimPathPolicy(file, null);
        var name = (root.Get("model") as YamlScalar)?.Value ?? System.IO.Path.GetFileNameWithoutExtension(file.Replace(SimFiles.BundledPrefix, "", StringComparison.Ordinal));
        if (YamlRead.Mapping(root.Get("simulation"), problems, "simulation") is not { } simulation)
        {
            problems.Error(root.Mark, "a profile needs a 'simulation:' section (with initial_state, scpi and errors)");
            return null;
        }
        var profile = new ProfileDefinition(name, file, simulation.Mark);
        if (root.Get("identification") is YamlScalar identification)
            profile.Identification = identification.Value;
        if (root.Get("address") is YamlScalar address)
            profile.Address = address.Value;
        problems.UnknownKeys(simulation, "simulation", SimulationKeys);
        if (YamlRead.Scalar(simulation.Get("seed"), problems, "seed") is { } seed)
        {
            if (long.TryParse(seed.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
                profile.Seed = value;
            else
                problems.Error(seed.Mark, $"seed: '{seed.Value}' must be a whole number");
        }
        if (YamlRead.Mapping(simulation.Get("initial_state"), problems, "initial_state") is { } state)
            profile.InitialState = YamlTyping.Map(state, problems);
        if (YamlRead.Mapping(simulation.Get("scpi"), problems, "scpi") is { } scpi)
        {
            foreach (var (key, value) in scpi.Distinct())
            {
                if (LoadRule(key, value, file, problems, paths) is { } rule)
                    profile.Rules.Add(rule);
            }
        }
        if (YamlRead.Sequence(simulation.Get("errors"), problems, "errors") is { } errors)
        {
            foreach (var item in errors.Items)
            {
                if (YamlRead.Mapping(item, problems, "an error rule") is { } rule && LoadError(rule, problems) is { } loaded)
                    profile.Errors.Add(loaded);
            }
        }
        return profile;
    }

    private static ProfileRule? LoadRule(YamlScalar key, YamlNode value, string file, ProblemList problems, SimPathPolicy paths)
    {
        var text = key.Value.Trim();
        var literal = LiteralCommand.TryCreate(text);
        CommandPattern? pattern = null;
        if (CommandPattern.Classify(text) is { } kind)
        {
            try
            {
                pattern = CommandPattern.Create(text, kind);
            }
            catch (ArgumentException e)
            {
                if (literal is null)
                {
                    problems.Error(key.Mark, $"the command key {e.Message}");
                    return null;
                }
            }
        }
        if (literal is null && pattern is null)
        {
            problems.Error(key.Mark, $"the command key '{text}' is neither a SCPI command nor a pattern");
            return null;
        }
        var names = pattern?.GroupNames.Where(n => n is not null).Select(n => n!).ToHashSet(StringComparer.Ordinal) ?? [];
        var action = LoadAction(value, names, file, problems, text, paths);
        return action is null ? null : new ProfileRule(text, key.Mark, literal, pattern, action);
    }

    private static ProfileAction? LoadAction(YamlNode value, IReadOnlySet<string> names, string file, ProblemList problems, string key, SimPathPolicy paths)
    {
        switch (value)
        {
            case YamlScalar scalar:
                return new ProfileAction { Response = Source(scalar, names, problems, trim: true) };
            case YamlSequence list:
                var statements = new ProfileAction();
                foreach (var item in list.Items)
                {
                    if (YamlRead.Scalar(item, problems, $"an item of the list for '{key}'") is { } statement)
                        LoadStatement(statement, statements, names, problems);
                }
                return statements;
            case YamlMapping map:
                problems.UnknownKeys(map, $"the entry for '{key}'", EntryKeys);
                var action = new ProfileAction
                {
                    Delay = map.Get("delay") is { } delay ? Source(delay, names, problems) : null,
                    Get = YamlRead.Scalar(map.Get("get"), problems, "get") is { } get ? Path(get.Value, names, get.Mark, problems) : null,
                    Response = map.Get("response") is { } response ? Source(response, names, problems) : null,
                    Binary = map.Get("binary") is { } binary ? LoadBinary(binary, file, names, problems, paths) : null,
                };
                if (action.Get is not null && action.Response is not null)
                    problems.Warning(map.KeyNode("response")!.Mark, $"the entry for '{key}' has both get and response; get wins, as in PyTestLab");
                Assignments(map.Get("set"), action.Sets, "set", names, problems);
                Assignments(map.Get("inc"), action.Increments, "inc", names, problems);
                Assignments(map.Get("dec"), action.Decrements, "dec", names, problems);
                return action;
            default:
                return null;
        }
    }

    private static PathTemplate Path(string text, IReadOnlySet<string> names, SourceMark mark, ProblemList problems)
    {
        if (!text.Contains('{', StringComparison.Ordinal))
            return new PathTemplate(text, null);
        try
        {
            return new PathTemplate(text, ExprParser.ParseTemplate(text, names));
        }
        catch (ExprException e)
        {
            problems.Error(mark, $"the state path '{text}': {e.Message}");
            return new PathTemplate(text, null);
        }
    }

    private static void Assignments(YamlNode? node, List<(PathTemplate, ValueSource)> target, string what, IReadOnlySet<string> names, ProblemList problems)
    {
        if (YamlRead.Mapping(node, problems, what) is not { } map)
            return;
        foreach (var (key, value) in map.Distinct())
        {
            // set: {"": ...} resets the state; PyTestLab runs the value as Python first, which is not needed here.
            if (key.Value.Length == 0 && what == "set")
            {
                target.Add((new PathTemplate("", null), ValueSource.Of(ExprValue.None)));
                continue;
            }
            if (Source(value, names, problems) is { } source)
                target.Add((Path(key.Value, names, key.Mark, problems), source));
        }
    }

    private static void LoadStatement(YamlScalar statement, ProfileAction action, IReadOnlySet<string> names, ProblemList problems)
    {
        var text = statement.Value.Trim();
        var equals = text.IndexOf('=', StringComparison.Ordinal);
        if (!text.StartsWith("set.", StringComparison.Ordinal) || equals < 0)
        {
            problems.Warning(statement.Mark, $"'{text}' is not a statement of the form 'set.name = value'; PyTestLab ignores it");
            return;
        }
        var path = text[4..equals].Trim();
        var value = text[(equals + 1)..].Trim();
        if (value.StartsWith("py:", StringComparison.Ordinal))
        {
            if (Expression(value[3..].Trim(), names, statement.Mark, problems) is { } expression)
                action.Sets.Add((Path(path, names, statement.Mark, problems), ValueSource.OfExpression(expression, value)));
            return;
        }
        action.Sets.Add((Path(path, names, statement.Mark, problems), ValueSource.Of(StatementLiteral(value))));
    }

    // PyTestLab's rules for 'set.x = value': quoted text, True/False, integers, numbers with a point, else the text.
    private static ExprValue StatementLiteral(string value)
    {
        if (value.Length >= 2 && value[0] is '\'' or '"' && value[^1] is '\'' or '"')
            return ExprValue.Str(value[1..^1]);
        if (value is "True" or "False")
            return ExprValue.Bool(value == "True");
        if (value.Length > 0 && (value.All(char.IsAsciiDigit) || (value[0] == '-' && value.Length > 1 && value[1..].All(char.IsAsciiDigit)))
            && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
            return ExprValue.Int(integer);
        if (value.Contains('.', StringComparison.Ordinal) && PyVisaSim.PyFloat.TryParse(value, out var real))
            return ExprValue.Float(real);
        return ExprValue.Str(value);
    }

    private static ValueSource? Source(YamlNode node, IReadOnlySet<string> names, ProblemList problems, bool trim = false)
    {
        if (node is not YamlScalar scalar)
        {
            var typed = YamlTyping.Value(node, problems);
            return ValueSource.Of(typed);
        }
        var value = YamlTyping.Scalar(scalar);
        if (value.Kind != ExprKind.Str)
            return ValueSource.Of(value);
        var text = trim ? scalar.Value.Trim() : scalar.Value;
        if (text.StartsWith("py:", StringComparison.Ordinal))
            return Expression(text[3..].Trim(), names, scalar.Mark, problems) is { } expression ? ValueSource.OfExpression(expression, text) : null;
        if (text.StartsWith("lambda", StringComparison.Ordinal))
            return Expression(text, names, scalar.Mark, problems) is { } lambda ? ValueSource.OfExpression(lambda, text) : null;
        return ValueSource.OfTemplate(text);
    }

    private static ExprNode? Expression(string text, IReadOnlySet<string> names, SourceMark mark, ProblemList problems)
    {
        ExprNode node;
        try
        {
            node = ExprParser.Parse(text, names);
        }
        catch (ExprException e)
        {
            problems.Error(mark, $"{e.Message}. The simulator evaluates its own safe expression language (arithmetic, comparisons, state paths, g1…, min/max/abs/round, math, random), never Python code");
            return null;
        }
        if (PassesALimitAlways(node) is { } limit)
        {
            problems.Error(mark, $"the expression '{(text.Length <= 80 ? text : text[..77] + "...")}' always fails: {limit}; the instrument would answer -200 each time");
            return null;
        }
        return node;
    }

    // An expression that needs nothing from the instrument ('[1]*2000000000', "'%999999999d' % 1") can be tried once
    // here, within the same budgets it runs under, so sim check reports what would otherwise be -200 at run time. Other
    // failures (a state path not set yet, a group that is empty) depend on the instrument and are not reported.
    private static string? PassesALimitAlways(ExprNode node)
    {
        var scope = new ExprScope(new PyVisaSim.PythonRandom(0)) { State = new StateMap(), InitialState = new StateMap() };
        try
        {
            node.Evaluate(scope);
            return null;
        }
        catch (ExprLimitException e)
        {
            return e.Message;
        }
        catch (ExprException)
        {
            return null;
        }
    }

    private static BinarySpec? LoadBinary(YamlNode node, string file, IReadOnlySet<string> names, ProblemList problems, SimPathPolicy paths)
    {
        if (node is YamlScalar path)
            return FileBinary(path, file, block: false, problems, paths);
        if (YamlRead.Mapping(node, problems, "binary") is not { } map)
            return null;
        problems.UnknownKeys(map, "binary", "file", "block", "points", "datatype", "endian", "formula");
        var block = YamlRead.Scalar(map.Get("block"), problems, "block") is not { } blockNode || YamlTyping.Scalar(blockNode).IsTruthy;
        if (YamlRead.Scalar(map.Get("file"), problems, "file") is { } fileNode)
            return FileBinary(fileNode, file, map.Get("block") is null ? false : block, problems, paths);
        var formulaNode = YamlRead.Scalar(map.Get("formula"), problems, "formula");
        if (formulaNode is null)
        {
            problems.Error(map.Mark, "binary needs 'file' (bytes from a file) or 'formula' (one sample per point, from i, n and x = i/n)");
            return null;
        }
        var dataType = YamlRead.Scalar(map.Get("datatype"), problems, "datatype")?.Value ?? "int8";
        if (BinaryReply.SampleSize(dataType) == 0)
        {
            problems.Error(map.Get("datatype")!.Mark, $"datatype '{dataType}' is not one of int8, uint8, int16, uint16, int32, uint32, float32, float64");
            return null;
        }
        var endian = YamlRead.Scalar(map.Get("endian"), problems, "endian")?.Value ?? "big";
        if (endian is not ("big" or "little"))
            problems.Error(map.Get("endian")!.Mark, $"endian '{endian}' must be big or little");
        var points = map.Get("points") is { } pointsNode ? Source(pointsNode, names, problems) : ValueSource.Of(ExprValue.Int(1000));
        var formulaNames = new HashSet<string>(names, StringComparer.Ordinal) { "i", "n", "x" };
        var formula = Expression(formulaNode.Value.StartsWith("py:", StringComparison.Ordinal) ? formulaNode.Value[3..].Trim() : formulaNode.Value, formulaNames, formulaNode.Mark, problems);
        return formula is null ? null : new BinarySpec(null, null, points, dataType, endian == "big", formula, formulaNode.Value, block);
    }

    private static BinarySpec FileBinary(YamlScalar path, string file, bool block, ProblemList problems, SimPathPolicy paths)
    {
        var resolved = SimFiles.Resolve(file, path.Value, bundled: SimFiles.IsBundled(file));
        string? error = paths.Refusal(resolved);
        var bytes = error is null ? SimFiles.ReadBytes(resolved, out error) : null;
        if (bytes is null)
            problems.Warning(path.Mark, $"binary: {error}; the reply will be empty, as in PyTestLab");
        return new BinarySpec(resolved, bytes ?? [], null, "uint8", true, null, null, block);
    }

    private static ErrorRule? LoadError(YamlMapping map, ProblemList problems)
    {
        problems.UnknownKeys(map, "an error rule", "scpi", "condition", "code", "message");
        var scpi = YamlRead.Scalar(map.Get("scpi"), problems, "scpi");
        if (scpi is null)
        {
            problems.Error(map.Mark, "an error rule needs 'scpi', the command pattern it watches");
            return null;
        }
        CommandPattern pattern;
        try
        {
            pattern = CommandPattern.Create(scpi.Value, CommandPattern.Classify(scpi.Value) ?? PatternKind.Regex, escapeFinalQuestionMark: false);
        }
        catch (ArgumentException e)
        {
            problems.Error(scpi.Mark, $"the error rule's scpi {e.Message}");
            return null;
        }
        ExprNode? condition = null;
        if (YamlRead.Scalar(map.Get("condition"), problems, "condition") is { } conditionNode)
        {
            var text = conditionNode.Value.Trim();
            var captureNames = pattern.GroupNames.Where(n => n is not null).Select(n => n!).ToHashSet(StringComparer.Ordinal);
            condition = Expression(text.StartsWith("py:", StringComparison.Ordinal) ? text[3..].Trim() : text, captureNames, conditionNode.Mark, problems);
            if (condition is null)
                return null;
        }
        else
        {
            problems.Warning(map.Mark, "this error rule has no condition, so it never fires (as in PyTestLab); write condition: \"True\" to fire on every match");
        }
        var code = -200;
        if (YamlRead.Scalar(map.Get("code"), problems, "code") is { } codeNode && !int.TryParse(codeNode.Value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out code))
        {
            problems.Error(codeNode.Mark, $"code: '{codeNode.Value}' must be a whole number, such as -222");
            return null;
        }
        var message = YamlRead.Scalar(map.Get("message"), problems, "message")?.Value ?? "Execution error";
        return new ErrorRule(pattern, condition, code, message, map.Mark);
    }
}
