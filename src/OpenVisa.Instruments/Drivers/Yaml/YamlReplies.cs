using System.Globalization;

namespace OpenVisa.Instruments.Drivers.Yaml;

/// <summary>Reads the replies of the query functions an interface contract requires.</summary>
internal static class YamlReplies
{
    /// <summary>
    /// The comma-separated numbers of <paramref name="reply"/>, at least <paramref name="count"/> of them; a reply
    /// that is not that is refused with a message naming the driver, the function and the reply.
    /// </summary>
    public static double[] Numbers(YamlInstrument instrument, string function, string reply, int count)
    {
        var parts = reply.Trim().Split(',', StringSplitOptions.TrimEntries);
        var numbers = new double[parts.Length];
        for (var i = 0; i < parts.Length; i++)
        {
            if (!double.TryParse(parts[i], NumberStyles.Float, CultureInfo.InvariantCulture, out numbers[i]))
                throw new FormatException($"{instrument.FullName} ({instrument.Definition.Key}): the reply '{reply.Trim()}' to the function '{function}' is not {Expected(count)}; check the function's command in the driver file.");
        }
        if (numbers.Length < count)
            throw new FormatException($"{instrument.FullName} ({instrument.Definition.Key}): the reply '{reply.Trim()}' to the function '{function}' has {numbers.Length} number(s), not {Expected(count)}; check the function's command in the driver file.");
        return numbers;
    }

    private static string Expected(int count) => count == 1 ? "a number" : $"{count} comma-separated numbers";
}
