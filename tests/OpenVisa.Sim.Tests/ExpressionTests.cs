using OpenVisa.Sim.Expressions;
using OpenVisa.Sim.PyVisaSim;

namespace OpenVisa.Sim.Tests;

public class ExpressionTests
{
    private static ExprScope Scope(params string?[] groups)
    {
        var state = new StateMap
        {
            ["counter"] = ExprValue.Int(3),
            ["voltage"] = ExprValue.Float(1.5),
            ["name"] = ExprValue.Str("psu"),
            ["ch1"] = ExprValue.Map(new StateMap { ["scale"] = ExprValue.Float(0.5) }),
            ["display.CH1"] = ExprValue.Str("1"),
        };
        return new ExprScope(new PythonRandom(7))
        {
            State = state,
            InitialState = state.DeepCopy(),
            Groups = groups,
            NamedGroups = new Dictionary<string, string?> { ["value"] = "2.5" },
        };
    }

    private static string Eval(string source, params string?[] groups) => ExprParser.Parse(source, ["value"]).Evaluate(Scope(groups)).ToString();

    [Theory]
    [InlineData("1 + 2 * 3", "7")]
    [InlineData("7 / 2", "3.5")]
    [InlineData("7 // 2", "3")]
    [InlineData("-7 // 2", "-4")]
    [InlineData("-7 % 3", "2")]
    [InlineData("2 ** 10", "1024")]
    [InlineData("2 ** -1", "0.5")]
    [InlineData("1 < 2 < 3", "True")]
    [InlineData("1 < 2 > 3", "False")]
    [InlineData("0.1 + 0.2", "0.30000000000000004")]
    [InlineData("'a' * 3 + 'b'", "aaab")]
    [InlineData("not 0 and 'x' or 'y'", "x")]
    [InlineData("'on' if 2 in [1, 2] else 'off'", "on")]
    [InlineData("3 not in [1, 2]", "True")]
    [InlineData("None is None", "True")]
    [InlineData("[1, 'a', 2.0]", "[1, 'a', 2.0]")]
    [InlineData("{'a': 1}.get('a', 0) + {'b': 2}.get('c', 5)", "6")]
    [InlineData("'abcdef'[1:3] + 'xyz'[-1]", "bcz")]
    public void ArithmeticAndLogicFollowPython(string source, string expected) => Assert.Equal(expected, Eval(source));

    [Theory]
    [InlineData("state.counter + float(g1)", "5.5", "2.5")]
    [InlineData("state['ch1'].scale * 2", "1.0", null)]
    [InlineData("state.ch1.scale", "0.5", null)]
    [InlineData("str(state.counter) + state.name.upper()", "3PSU", null)]
    [InlineData("g2.upper() in ['ON', '1']", "True", "x", "on")]
    [InlineData("float($value) * 2", "5.0", null)]
    [InlineData("$1 + $2", "ab", "a", "b")]
    [InlineData("initial_state.voltage", "1.5", null)]
    public void StateAndGroups(string source, string expected, params string?[] groups) => Assert.Equal(expected, Eval(source, groups));

    [Theory]
    [InlineData("min(3, 1, 2)", "1")]
    [InlineData("max([4, 9, 2])", "9")]
    [InlineData("abs(-2.5)", "2.5")]
    [InlineData("round(2.5)", "2")]
    [InlineData("round(3.5)", "4")]
    [InlineData("round(2.675, 2)", "2.67")]
    [InlineData("int('42') + int(3.9)", "45")]
    [InlineData("int('ff', 16)", "255")]
    [InlineData("float('1e3')", "1000.0")]
    [InlineData("len('abc') + len([1])", "4")]
    [InlineData("chr(65) + str(ord('B'))", "A66")]
    [InlineData("sum([1, 2, 3.5])", "6.5")]
    [InlineData("math.sqrt(16) + sqrt(9)", "7.0")]
    [InlineData("round(math.pi, 3)", "3.142")]
    [InlineData("math.floor(-1.5)", "-2")]
    [InlineData("square(0.1) + square(4.0) + sawtooth(pi)", "0.0")]
    [InlineData("f'{3.14159:.2f}|{42:05d}|{\"x\"!r}'", "3.14|00042|'x'")]
    [InlineData("'#8%08d' % 5", "#800000005")]
    [InlineData("'%s=%.1f' % ['v', 2.25]", "v=2.2")]
    public void Functions(string source, string expected) => Assert.Equal(expected, Eval(source));

    [Fact]
    public void RandomIsTheInstrumentsSeededGenerator()
    {
        var scope = Scope();
        var values = Enumerable.Range(0, 5).Select(_ => ExprParser.Parse("random.randint(1, 100)").Evaluate(scope).AsInt).ToArray();
        Assert.Equal([42L, 20L, 51L, 84L, 7L], values);
    }

    [Fact]
    public void LambdaTakesTheGroups() => Assert.Equal("HELLO-world", Eval("lambda a, b: a.upper() + '-' + b", "hello", "world"));

    [Theory]
    [InlineData("__import__('os').system('x')", "'__import__' is not available")]
    [InlineData("(1).__class__", "names starting with '_'")]
    [InlineData("open('/etc/passwd')", "'open' is not available")]
    [InlineData("eval('1')", "'eval' is not available")]
    [InlineData("getattr(state, 'x')", "'getattr' is not available")]
    [InlineData("os.system('x')", "'os' is not defined")]
    [InlineData("undefined_name", "'undefined_name' is not defined")]
    [InlineData("math.system('x')", "math.system is not available")]
    [InlineData("x = 1", "assignment is not available")]
    [InlineData("a; b", "statements are not available")]
    [InlineData("[x for x in y]", "'for' is not available")]
    [InlineData("1 +", "ends too early")]
    [InlineData("'abc", "has no closing '")]
    public void CodeIsRefusedWhenParsed(string source, string message)
    {
        var error = Assert.Throws<ExprException>(() => ExprParser.Parse(source));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
        Assert.Contains(source.Trim(), error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("state.missing", "the state has no 'missing'")]
    [InlineData("1 / 0", "division by zero")]
    [InlineData("'a' + 1", "unsupported operand type(s) for +: 'str' and 'int'")]
    [InlineData("float('abc')", "could not convert str to float: 'abc'")]
    [InlineData("g3", "g3 names group 3, but the command pattern captured 1 group")]
    [InlineData("$nope", "$nope names no group")]
    [InlineData("state.name.bogus()", "a str has no method 'bogus'")]
    [InlineData("[1][5]", "index 5 is out of range")]
    [InlineData("9223372036854775807 + 1", "does not fit a 64-bit integer")]
    public void RuntimeErrorsSayWhat(string source, string message)
    {
        var error = Assert.Throws<ExprException>(() => ExprParser.Parse(source, ["value"]).Evaluate(Scope("x")));
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }
}
