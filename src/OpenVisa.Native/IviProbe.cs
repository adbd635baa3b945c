using System.Runtime.InteropServices;

namespace OpenVisa.Native;

/// <summary>
/// Tells the default-backend rule whether a VISA library is installed: loads the candidate to check it is a VISA
/// library (it exports <c>viOpenDefaultRM</c>), then unloads it. Never throws.
/// </summary>
public sealed class IviProbe : IVisaBackendProbe
{
    /// <inheritdoc/>
    public bool IsAvailable(out string detail)
    {
        try
        {
            if (!IviLibraryLocator.TryLoad("", out var handle, out var path, out var problem))
            {
                detail = "no VISA library installed. " + problem;
                return false;
            }
            var isVisa = NativeLibrary.TryGetExport(handle, "viOpenDefaultRM", out _);
            NativeLibrary.Free(handle);
            detail = isVisa ? path : $"{path} does not export viOpenDefaultRM, so it is not a VISA library";
            return isVisa;
        }
#pragma warning disable CA1031 // The probe's contract is to never throw.
        catch (Exception e)
#pragma warning restore CA1031
        {
            detail = "probe failed: " + e.Message;
            return false;
        }
    }
}
