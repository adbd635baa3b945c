using Microsoft.Extensions.Logging;

namespace OpenVisa.Lamb;

/// <summary>The @lamb backend's log messages.</summary>
internal static class LambLogging
{
    public static void LogCloseFailure(this ILogger logger, string resource, VisaException e) =>
        logger.LogWarning("Closing {Resource}: could not release its reservation ({Status}); it ends when its lease runs out", resource, e.Abbreviation);
}
