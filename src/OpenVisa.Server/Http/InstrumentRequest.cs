using System.Buffers;
using System.Text.Json;

namespace OpenVisa.Server.Http;

/// <summary>
/// The body of Lamb's instrument routes, <c>{"visa_string": …, "command": …}</c>, read on the hot path of every HTTP
/// query: straight from the request's bytes with a <see cref="Utf8JsonReader"/>, without building a
/// <see cref="JsonDocument"/>. Anything unusual (not an object, a member of the wrong type or given twice, invalid
/// JSON) is left to the general path, which says exactly what is wrong.
/// </summary>
internal readonly record struct InstrumentRequest(string VisaString, string Command)
{
    /// <summary>True with both members when <paramref name="body"/> is a well-formed object holding both as strings, once each.</summary>
    public static bool TryParse(ReadOnlySequence<byte> body, out InstrumentRequest request)
    {
        request = default;
        string? visaString = null;
        string? command = null;
        var reader = new Utf8JsonReader(body);
        try
        {
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
                return false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var isName = reader.ValueTextEquals("visa_string"u8);
                var isCommand = !isName && reader.ValueTextEquals("command"u8);
                if (!reader.Read())
                    return false;
                if (isName || isCommand)
                {
                    // A duplicate or a non-string is for the general path to judge and report.
                    if (reader.TokenType != JsonTokenType.String || (isName ? visaString : command) is not null)
                        return false;
                    if (isName)
                        visaString = reader.GetString();
                    else
                        command = reader.GetString();
                }
                else if (!reader.TrySkip())
                {
                    return false;
                }
            }
            // The object must have closed, with nothing after it.
            if (reader.TokenType != JsonTokenType.EndObject || reader.Read() || visaString is null || command is null)
                return false;
        }
        catch (JsonException)
        {
            return false;
        }
        request = new InstrumentRequest(visaString, command);
        return true;
    }
}
