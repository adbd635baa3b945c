using OpenVisa.Cli;
using OpenVisa.Instruments.Benches;

namespace OpenVisa.Instruments.Tests.Benches;

/// <summary>
/// A YAML syntax error names where the broken construct started as well as where the parser gave up, as PyYAML does:
/// an unclosed '[' on line 4 is reported at line 4, though the parser notices only at the end of the file.
/// </summary>
public class BenchYamlSyntaxTests
{
    [Theory]
    [InlineData("bench_name: x\ninstruments:\n  a:\n    driver: [1, 2\n\n\n", 4, 13, '[', "at line 7, column 1")]
    [InlineData("bench_name: x\ninstruments:\n  a:\n    safety_limits: [1, 2\n    driver: test/supply\n", 4, 20, '[', "after line 4")]
    [InlineData("bench_name: x\ninstruments:\n  a: {driver: test/supply, address: \"TCPIP::x::INSTR\"\n  b:\n    driver: y\n", 3, 6, '{', "after line 3")]
    public void An_unclosed_bracket_is_reported_where_it_was_opened_and_where_the_parser_gave_up(string text, int line, int column, char bracket, string gaveUp)
    {
        var e = Assert.Throws<BenchFileException>(() => BenchLoader.Parse(text, "bench.yaml"));
        var problem = Assert.Single(e.Problems);
        Assert.Equal(line, problem.Line);
        Assert.Equal(column, problem.Column);
        Assert.Contains($"the '{bracket}' opened here (line {line}, column {column}) is not closed", problem.Message, StringComparison.Ordinal);
        Assert.Contains("the parser gave up " + gaveUp, problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_closed_bracket_followed_by_another_syntax_error_keeps_the_parser_s_own_place()
    {
        var e = Assert.Throws<BenchFileException>(() => BenchLoader.Parse("bench_name: x\ninstruments: [a, b]\n  bad: : :\n", "bench.yaml"));
        var problem = Assert.Single(e.Problems);
        Assert.DoesNotContain("opened here", problem.Message, StringComparison.Ordinal);
        Assert.StartsWith("this is not valid YAML", problem.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_check_prints_the_line_where_the_bracket_was_opened()
    {
        var path = Path.Combine(Path.GetTempPath(), $"openvisa-unclosed-{Guid.NewGuid():N}.yaml");
        File.WriteAllText(path, "bench_name: x\ninstruments:\n  a:\n    driver: [1, 2\n\n\n");
        try
        {
            var output = new StringWriter();
            var error = new StringWriter();
            var code = CliApp.Run(["bench", "check", path], new CliContext(output, error, new StringReader("")));
            Assert.Equal(2, code);
            Assert.StartsWith($"{path}:4:13: error: this is not valid YAML: the '[' opened here", error.ToString(), StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
