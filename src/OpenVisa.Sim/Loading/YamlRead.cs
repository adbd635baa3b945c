using OpenVisa.Sim.Yaml;

namespace OpenVisa.Sim.Loading;

/// <summary>Shape checks that report a problem and return null rather than throwing, so loading goes on and finds the next problem.</summary>
internal static class YamlRead
{
    public static YamlMapping? Mapping(YamlNode? node, ProblemList problems, string what)
    {
        if (node is null or YamlMapping)
            return node as YamlMapping;
        problems.Error(node.Mark, $"{what} must be a mapping (key: value lines), not {node.Kind}");
        return null;
    }

    public static YamlSequence? Sequence(YamlNode? node, ProblemList problems, string what)
    {
        if (node is null or YamlSequence)
            return node as YamlSequence;
        problems.Error(node.Mark, $"{what} must be a list (lines starting with '- '), not {node.Kind}");
        return null;
    }

    public static YamlScalar? Scalar(YamlNode? node, ProblemList problems, string what)
    {
        if (node is null or YamlScalar)
            return node as YamlScalar;
        problems.Error(node.Mark, $"{what} must be a text value, not {node.Kind}");
        return null;
    }

    /// <summary>A list of text values; a single text value is not accepted, as in pyvisa-sim.</summary>
    public static List<YamlScalar> ScalarList(YamlNode? node, ProblemList problems, string what)
    {
        var list = new List<YamlScalar>();
        if (Sequence(node, problems, what) is { } sequence)
        {
            foreach (var item in sequence.Items)
            {
                if (Scalar(item, problems, $"each item of {what}") is { } scalar)
                    list.Add(scalar);
            }
        }
        return list;
    }
}
