namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>MessageID arithmetic: the client numbers Data, DataEnd and Trigger from <see cref="Initial"/> in steps of two.</summary>
public static class HislipMessageIds
{
    /// <summary>The first MessageID after initialization and after each device clear.</summary>
    public const uint Initial = 0xFFFFFF00;

    /// <summary>The MessageID a client reports before it has sent any message (<see cref="Initial"/> − 2).</summary>
    public const uint BeforeFirst = 0xFFFFFEFE;

    /// <summary>The MessageID of server data that answers no particular client message.</summary>
    public const uint Unknown = 0xFFFFFFFF;

    /// <summary>The MessageID after <paramref name="id"/>, wrapping at 2^32.</summary>
    public static uint Next(uint id) => unchecked(id + 2);
}
