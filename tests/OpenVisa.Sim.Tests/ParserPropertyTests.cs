using FsCheck;
using FsCheck.Fluent;
using OpenVisa.Sim.Expressions;
using OpenVisa.Sim.Yaml;

namespace OpenVisa.Sim.Tests;

/// <summary>
/// Property-based tests (issue 18, section D): random inputs built from the characters that matter to each parser never
/// make it throw anything but its documented exception type. The count is bounded so they run in seconds in CI.
/// </summary>
public class ParserPropertyTests
{
    private static readonly Config Quick = Config.QuickThrowOnFailure.WithMaxTest(2000);

    private static Gen<string> TextOf(string alphabet, int maxLength) =>
        Gen.Choose(0, maxLength).SelectMany(n => Gen.ArrayOf(Gen.Elements(alphabet.ToCharArray()), n)).Select(chars => new string(chars));

    [Fact]
    public void Yaml_reader_throws_only_its_syntax_exception()
    {
        var property = Prop.ForAll(Arb.From(TextOf("[]{}:-,&*!|>'\"#\n  ab1\t?%@`", 60)), text =>
        {
            try
            {
                YamlTreeReader.Read(text, "random.yaml");
            }
            catch (YamlSyntaxException e)
            {
                Assert.Equal("random.yaml", e.Mark.File);
            }
        });
        Check.One(Quick, property);
    }

    [Fact]
    public void Expression_parser_and_evaluator_throw_only_expression_exceptions()
    {
        var property = Prop.ForAll(Arb.From(TextOf("()[]{}+-*/%<>=!'\",.:1209ab fx_", 40)), text =>
        {
            try
            {
                ExprParser.Parse(text).Evaluate(new ExprScope(new PyVisaSim.PythonRandom(1)) { State = new StateMap(), InitialState = new StateMap() });
            }
            catch (ExprException)
            {
            }
        });
        Check.One(Quick, property);
    }
}
