using System.Collections.Frozen;

namespace OpenVisa;

/// <summary>Looks up the abbreviation and description of VISA status codes.</summary>
public static partial class StatusCodes
{
    // The table lives in StatusCodes.Table.cs; it is built here so initialisation order is defined.
    private static readonly StatusCodeInfo[] Table = CreateTable();

    private static readonly FrozenDictionary<StatusCode, StatusCodeInfo> ByCode =
        Table.ToFrozenDictionary(i => i.Code);

    private static readonly FrozenDictionary<string, StatusCodeInfo> ByAbbreviation =
        Table.ToFrozenDictionary(i => i.Abbreviation, StringComparer.OrdinalIgnoreCase);

    /// <summary>Every known status code, in numeric order of the VISA specification's table.</summary>
    public static IReadOnlyList<StatusCodeInfo> All => Table;

    /// <summary>The info for <paramref name="code"/>; an unknown code gets a synthetic entry naming its value.</summary>
    public static StatusCodeInfo Describe(StatusCode code) =>
        ByCode.TryGetValue(code, out var info)
            ? info
            : new StatusCodeInfo(code, $"VI_STATUS_0x{(uint)code:X8}", "Unknown status code.");

    /// <summary>Finds a code by its VISA abbreviation (case-insensitive), e.g. <c>VI_ERROR_TMO</c>.</summary>
    public static bool TryParse(string abbreviation, out StatusCode code)
    {
        if (ByAbbreviation.TryGetValue(abbreviation, out var info))
        {
            code = info.Code;
            return true;
        }
        code = default;
        return false;
    }

    /// <summary>The VISA abbreviation of <paramref name="code"/>.</summary>
    public static string Abbreviation(this StatusCode code) => Describe(code).Abbreviation;

    /// <summary>True for error codes (negative values).</summary>
    public static bool IsError(this StatusCode code) => (int)code < 0;

    /// <summary>
    /// True for success codes that deserve the user's attention: PyVISA's default warning set.
    /// They are reported through logging and <see cref="VisaLibrary.Warning"/>, never thrown.
    /// </summary>
    public static bool IsWarning(this StatusCode code) => code is
        StatusCode.SuccessMaxCountRead or StatusCode.SuccessDeviceNotPresent or StatusCode.SuccessSynchronous or
        StatusCode.WarningQueueOverflow or StatusCode.WarningConfigurationNotLoaded or StatusCode.WarningNullObject or
        StatusCode.WarningUnsupportedAttributeState or StatusCode.WarningUnknownStatus or
        StatusCode.WarningUnsupportedBuffer or StatusCode.WarningExtensionFunctionNotImplemented;
}
