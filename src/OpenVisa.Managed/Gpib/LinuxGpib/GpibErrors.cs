namespace OpenVisa.Managed.Gpib.LinuxGpib;

/// <summary>The driver's <c>iberr</c> codes as VISA statuses, with words that say what to check.</summary>
internal static class GpibErrors
{
    public const int Edvr = 0;
    public const int Ecic = 1;
    public const int Enol = 2;
    public const int Eadr = 3;
    public const int Earg = 4;
    public const int Esac = 5;
    public const int Eabo = 6;
    public const int Eneb = 7;
    public const int Ebus = 14;

    /// <summary>The error for a failed call: <paramref name="what"/> names the device and board.</summary>
    public static VisaException ToVisa(GpibStatus status, string operation, string resourceName, string what, uint timeoutMs)
    {
        var (code, detail) = status.Iberr switch
        {
            _ when status.TimedOut || status.Iberr == Eabo =>
                (StatusCode.ErrorTimeout, $"{what} did not complete {operation} within {timeoutMs} ms (ibsta TIMO, iberr EABO): was the command a query, and is the read termination right?"),
            Enol => (StatusCode.ErrorNoListeners, $"no device listens at {what} (iberr ENOL): is it switched on, cabled, and set to that address?"),
            Ecic => (StatusCode.ErrorNotControllerInCharge, $"the board is not controller in charge for {what} (iberr ECIC): send IFC from the system controller, or check gpib.conf"),
            Esac => (StatusCode.ErrorNotSystemController, $"the board is not system controller (iberr ESAC); set it so in gpib.conf"),
            Eneb => (StatusCode.ErrorInterfaceNumberNotConfigured, $"there is no GPIB board for {what} (iberr ENEB): is it configured (gpib_config) and its driver loaded?"),
            Earg or Eadr => (StatusCode.ErrorInvalidParameter, $"the driver refused the arguments for {what} (iberr {(status.Iberr == Earg ? "EARG" : "EADR")})"),
            Edvr => (StatusCode.ErrorSystemError, $"the GPIB driver failed on {what} (iberr EDVR, system error {status.Count}): is /dev/gpib0 there and readable?"),
            Ebus => (StatusCode.ErrorIO, $"a bus error on {what} (iberr EBUS): check the cabling"),
            _ => (StatusCode.ErrorIO, $"{operation} on {what} failed (ibsta 0x{status.Ibsta:X4}, iberr {status.Iberr})"),
        };
        return new VisaException(code, detail + ".", operation, resourceName);
    }

    /// <summary>The driver's timeout code for at least <paramref name="milliseconds"/> (T10us … T1000s; 0 means none).</summary>
    public static int TimeoutCode(uint milliseconds)
    {
        if (milliseconds == VisaTimeout.InfiniteValue)
            return 0;
        ReadOnlySpan<double> limits = [0.01, 0.03, 0.1, 0.3, 1, 3, 10, 30, 100, 300, 1000, 3000, 10_000, 30_000, 100_000, 300_000, 1_000_000];
        for (var i = 0; i < limits.Length; i++)
        {
            if (limits[i] >= milliseconds)
                return i + 1;
        }
        return 17;
    }
}
