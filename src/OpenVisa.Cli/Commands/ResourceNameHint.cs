namespace OpenVisa.Cli.Commands;

/// <summary>
/// The known resource nearest to a name that was not found (a typo in a simulator file's name, say), for a
/// "did you mean" hint. Known means what the backend lists for <c>?*</c>; a listing that fails gives no hint.
/// </summary>
internal static class ResourceNameHint
{
    public static string? Nearest(ResourceManager manager, string name)
    {
        IReadOnlyList<string> known;
        try
        {
            known = manager.ListResources("?*");
        }
        catch (VisaException)
        {
            return null;
        }
        var wanted = name.ToUpperInvariant();
        // A quarter of the name may differ (at least 2 characters): close enough to be a typo, not another instrument.
        var limit = Math.Max(2, wanted.Length / 4);
        var ranked = known
            .Select(k => (Name: k, Distance: EditDistance.Between(wanted, k.ToUpperInvariant())))
            .Where(k => k.Distance > 0 && k.Distance <= limit)
            .OrderBy(k => k.Distance)
            .ToList();
        // Two equally near names would make the hint a guess.
        if (ranked.Count == 0 || (ranked.Count > 1 && ranked[1].Distance == ranked[0].Distance))
            return null;
        return ranked[0].Name;
    }
}
