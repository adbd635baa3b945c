using System.Security.Cryptography;
using System.Text;

namespace OpenVisa.Managed.Tcpip.Hislip;

/// <summary>
/// The SASL mechanisms HiSLIP 2.0 authentication uses here: PLAIN (RFC 4616: authorization id, NUL, user name, NUL,
/// password, in UTF-8) and ANONYMOUS (RFC 4505: an optional trace string). Both send their only message first, so one
/// AuthenticationExchange from the client and one AuthenticationResult from the server complete them.
/// </summary>
public static class HislipSasl
{
    /// <summary>The PLAIN mechanism name.</summary>
    public const string Plain = "PLAIN";

    /// <summary>The ANONYMOUS mechanism name.</summary>
    public const string Anonymous = "ANONYMOUS";

    /// <summary>The PLAIN initial response for <paramref name="user"/> and <paramref name="password"/> (no authorization id).</summary>
    public static byte[] EncodePlain(string user, string password)
    {
        ArgumentNullException.ThrowIfNull(user);
        ArgumentNullException.ThrowIfNull(password);
        if (user.Contains('\0') || password.Contains('\0'))
            throw new ArgumentException("SASL PLAIN user names and passwords cannot contain NUL characters.");
        var userBytes = Encoding.UTF8.GetBytes(user);
        var passwordBytes = Encoding.UTF8.GetBytes(password);
        var message = new byte[2 + userBytes.Length + passwordBytes.Length];
        userBytes.CopyTo(message.AsSpan(1));
        passwordBytes.CopyTo(message.AsSpan(2 + userBytes.Length));
        return message;
    }

    /// <summary>Splits a PLAIN message into user name and password; false (with the reason) when it is malformed.</summary>
    public static bool TryDecodePlain(ReadOnlySpan<byte> message, out string user, out string password, out string error)
    {
        user = password = "";
        var first = message.IndexOf((byte)0);
        var second = first < 0 ? -1 : message[(first + 1)..].IndexOf((byte)0);
        if (first < 0 || second < 0)
        {
            error = "a SASL PLAIN message is authorization id, NUL, user name, NUL, password; this one has fewer than two NUL separators";
            return false;
        }
        second += first + 1;
        try
        {
            var strict = new UTF8Encoding(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
            user = strict.GetString(message[(first + 1)..second]);
            password = strict.GetString(message[(second + 1)..]);
        }
        catch (DecoderFallbackException)
        {
            error = "the SASL PLAIN user name or password is not valid UTF-8";
            return false;
        }
        if (user.Length == 0)
        {
            error = "the SASL PLAIN user name is empty";
            return false;
        }
        error = "";
        return true;
    }

    /// <summary>Compares a password in time that does not depend on where the strings differ.</summary>
    public static bool PasswordMatches(string expected, string given) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(expected), Encoding.UTF8.GetBytes(given));

    /// <summary>Splits a mechanism list (space separated, as in GetSaslMechanismListResponse).</summary>
    public static string[] ParseMechanismList(ReadOnlySpan<byte> payload) =>
        Encoding.ASCII.GetString(payload).Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
