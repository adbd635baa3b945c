namespace OpenVisa.Sim.Yaml;

/// <summary>
/// The bounds every simulator YAML file is read within, so that a malformed or hostile file gives a located error
/// instead of a stack overflow or a memory blow-up. Both count aliases expanded, because everything that walks the tree
/// later (typing <c>initial_state</c>, copying state) expands them.
/// </summary>
internal static class YamlLimits
{
    /// <summary>The deepest nesting of lists and mappings; real simulator files nest fewer than 10 levels.</summary>
    public const int MaxDepth = 128;

    /// <summary>
    /// The most nodes a document may stand for with its aliases expanded: a 'billion laughs' alias bomb of a few
    /// hundred bytes stands for billions; the largest real files stand for a few hundred thousand.
    /// </summary>
    public const long MaxExpandedNodes = 4_000_000;
}
