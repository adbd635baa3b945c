namespace OpenVisa.Tests.Recording;

public class SessionYamlTests
{
    private static YamlMap Map(string yaml) => Assert.IsType<YamlMap>(SessionYaml.Parse(yaml, "t.yaml"));

    [Fact]
    public void Plain_scalars_fold_over_lines_and_drop_comments()
    {
        var map = Map("a: one\n  two\n  three   # note\nb: x # c\n");
        Assert.Equal("one two three", map.Get("a"));
        Assert.Equal("x", map.Get("b"));
    }

    [Fact]
    public void Quoted_scalars_handle_escapes_doubled_quotes_and_folding()
    {
        var map = Map("a: 'it''s'\nb: \"tab\\tnl\\nhex\\x41 uni\\u00b5\"\nc: \"first\n  second\n\n  third\"\nd: \"no\\\n  space\"\ne: 'one\n  two'\n");
        Assert.Equal("it's", map.Get("a"));
        Assert.Equal("tab\tnl\nhexA uniµ", map.Get("b"));
        Assert.Equal("first second\nthird", map.Get("c"));
        Assert.Equal("nospace", map.Get("d"));
        Assert.Equal("one two", map.Get("e"));
    }

    [Fact]
    public void Block_scalars_keep_or_fold_lines_with_chomping()
    {
        var map = Map("lit: |\n  a\n  b\nfold: >-\n  a\n  b\nkeep: |+\n  x\n\nend: 1\n");
        Assert.Equal("a\nb\n", map.Get("lit"));
        Assert.Equal("a b", map.Get("fold"));
        Assert.Equal("x\n\n", map.Get("keep"));
        Assert.Equal("1", map.Get("end"));
    }

    [Fact]
    public void Sequences_nest_at_the_same_indent_as_their_key_or_deeper()
    {
        var map = Map("a:\n- 1\n- x: 2\n  y: 3\nb:\n  - - in\n    - deep\n  -\n    z: 4\nc: [1, 'two', {k: v}]\n");
        var a = Assert.IsType<List<object?>>(map.Get("a"));
        Assert.Equal("1", a[0]);
        Assert.Equal("3", Assert.IsType<YamlMap>(a[1]).Get("y"));
        var b = Assert.IsType<List<object?>>(map.Get("b"));
        Assert.Equal(["in", "deep"], Assert.IsType<List<object?>>(b[0]));
        Assert.Equal("4", Assert.IsType<YamlMap>(b[1]).Get("z"));
        var c = Assert.IsType<List<object?>>(map.Get("c"));
        Assert.Equal("two", c[1]);
        Assert.Equal("v", Assert.IsType<YamlMap>(c[2]).Get("k"));
    }

    [Fact]
    public void Keys_may_be_quoted_and_empty_values_are_null()
    {
        var map = Map("'a key': 1\n\"b\": 2\nempty:\nlast: 3\n");
        Assert.Equal("1", map.Get("a key"));
        Assert.Equal("2", map.Get("b"));
        Assert.True(map.Has("empty"));
        Assert.Null(map.Get("empty"));
    }

    [Fact]
    public void An_empty_text_is_no_document()
    {
        Assert.Null(SessionYaml.Parse("", "t.yaml"));
        Assert.Null(SessionYaml.Parse("# only a comment\n", "t.yaml"));
    }

    [Fact]
    public void Nesting_deeper_than_the_limit_is_refused_with_its_place()
    {
        var deep = new string('[', SessionYaml.MaxDepth + 1) + new string(']', SessionYaml.MaxDepth + 1);
        var e = Assert.Throws<InvalidDataException>(() => SessionYaml.Parse(deep, "t.yaml"));
        Assert.Contains($"t.yaml line 1, column {SessionYaml.MaxDepth + 1}: the mappings and lists nest more than {SessionYaml.MaxDepth} levels", e.Message);
    }

    [Theory]
    [InlineData("a: 'open\nb: 2\n", "t.yaml line 1, column 4: malformed YAML: ")]
    [InlineData("a: {x: 1\n", "t.yaml line 2, column 1: malformed YAML: ")]
    [InlineData("a: 1\na: 2\n", "t.yaml line 2, column 1: the key 'a' appears twice.")]
    [InlineData("a: &x 1\nb: *x\n", "t.yaml line 1, column 4: anchors, aliases and tags are not supported in session files.")]
    [InlineData("a: *ref\n", "t.yaml line 1, column 4: ")]
    [InlineData("a: !!str 1\n", "t.yaml line 1, column 4: anchors, aliases and tags are not supported in session files.")]
    [InlineData("a: \"bad \\q\"\n", "t.yaml line 1, column 4: malformed YAML: ")]
    [InlineData("a: 1\n---\nb: 2\n", "t.yaml line 2, column 1: a session file holds one YAML document.")]
    [InlineData("a:\n  b: 1\n    c: 2\n", "t.yaml line 3, column ")]
    [InlineData("[a]: 1\n", "t.yaml line 1, column 1: a mapping key must be text.")]
    public void Errors_name_the_line_the_column_and_the_problem(string yaml, string message)
    {
        var e = Assert.Throws<InvalidDataException>(() => SessionYaml.Parse(yaml, "t.yaml"));
        Assert.Contains(message, e.Message);
    }
}
